package io.custodia.chaincode.access;

import io.custodia.chaincode.dataset.DatasetRecord;
import io.custodia.chaincode.duo.DuoCompatibility;
import io.custodia.chaincode.duo.DuoModifier;
import io.custodia.chaincode.duo.ModifierTerm;
import io.custodia.chaincode.duo.UseRestrictions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeSet;

/**
 * Dataset-level access checks: status, DUO permission versus purpose ({@link DuoCompatibility}) and
 * DUO modifiers versus the requester's declarations. Every failing check is reported, not just the
 * first, so an auditor sees all reasons. PUB, COL, RTN and GS do not deny: they become obligations.
 */
public final class DatasetPolicy {
    private DatasetPolicy() {}

    public static Assessment assess(final DatasetRecord dataset, final AccessRequest request, final String requester, final Instant time) {
        final TreeSet<String> reasons = new TreeSet<>();
        final TreeSet<String> flags = new TreeSet<>();
        final TreeSet<String> obligations = new TreeSet<>();
        final UseRestrictions restrictions = dataset.descriptor().useRestrictions();

        if (!dataset.isActive()) {
            reasons.add(DenyReason.DATASET_WITHDRAWN.name());
        }
        if (!DuoCompatibility.covers(restrictions.permission(), request.purpose())) {
            reasons.add(DenyReason.PURPOSE_NOT_PERMITTED.name());
        }
        for (final ModifierTerm modifier : restrictions.modifiers()) {
            final DenyReason reason = violation(modifier, request, requester, time);
            if (reason != null) {
                reasons.add(reason.name());
            }
            if (isObligation(modifier.code())) {
                obligations.add(modifier.code().name());
            }
        }
        final String intendedTask = dataset.descriptor().intendedTask();
        if (intendedTask != null && !intendedTask.equals(request.task())) {
            flags.add(AccessFlag.OFF_LABEL.name());
        }
        return new Assessment(new ArrayList<>(reasons), new ArrayList<>(flags), new ArrayList<>(obligations));
    }

    private static DenyReason violation(final ModifierTerm modifier, final AccessRequest request, final String requester, final Instant time) {
        switch (modifier.code()) {
            case NCU:
                return request.commercial() ? DenyReason.COMMERCIAL_USE_NOT_PERMITTED : null;
            case NPU:
                return request.forProfit() ? DenyReason.FOR_PROFIT_USE_NOT_PERMITTED : null;
            case IRB:
                return request.ethicsApprovalHash() == null ? DenyReason.ETHICS_APPROVAL_REQUIRED : null;
            case TS:
                // `until` is exclusive, like every validity end here.
                return time.isBefore(Instant.parse(modifier.until())) ? null : DenyReason.USE_PERIOD_EXPIRED;
            case IS:
                return modifier.institutions().contains(requester) ? null : DenyReason.INSTITUTION_NOT_PERMITTED;
            case GSO:
                return request.geneticStudy() ? null : DenyReason.GENETIC_STUDIES_ONLY;
            case NMDS:
                return request.methodsDevelopment() ? DenyReason.METHODS_DEVELOPMENT_NOT_PERMITTED : null;
            default:
                return null;
        }
    }

    private static boolean isObligation(final DuoModifier code) {
        return code == DuoModifier.PUB || code == DuoModifier.COL || code == DuoModifier.RTN || code == DuoModifier.GS;
    }

}
