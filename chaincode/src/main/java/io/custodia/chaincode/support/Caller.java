package io.custodia.chaincode.support;

import java.util.Arrays;
import java.util.Optional;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;

/**
 * The submitting identity: its organisation (MSP ID) and its {@code custodia.role}. Guards are named
 * methods called first in every transaction.
 */
public final class Caller {
    private final String mspId;
    private final Optional<Role> role;

    private Caller(final String mspId, final Optional<Role> role) {
        this.mspId = mspId;
        this.role = role;
    }

    public static Caller of(final Context ctx) {
        final ClientIdentity identity = ctx.getClientIdentity();
        return new Caller(identity.getMSPID(), Role.fromAttribute(identity.getAttributeValue(Role.ATTRIBUTE)));
    }

    /** The caller, who must hold one of {@code allowed}. */
    public static Caller requireRole(final Context ctx, final Role... allowed) {
        final Caller caller = of(ctx);
        if (caller.role.isEmpty() || Arrays.stream(allowed).noneMatch(r -> r == caller.role.get())) {
            throw ErrorCode.ROLE_FORBIDDEN.exception("this transaction requires role " + Arrays.toString(allowed)
                    + " in attribute " + Role.ATTRIBUTE + "; caller of " + caller.mspId + " has "
                    + caller.role.map(Role::attributeValue).orElse("none"));
        }
        return caller;
    }

    /** Institutions may change only what their own organisation owns. */
    public void requireOwner(final String ownerMspId, final String what) {
        if (!mspId.equals(ownerMspId)) {
            throw ErrorCode.NOT_OWNER.exception(what + " belongs to another organisation");
        }
    }

    public String mspId() {
        return mspId;
    }

    public boolean is(final Role r) {
        return role.isPresent() && role.get() == r;
    }
}
