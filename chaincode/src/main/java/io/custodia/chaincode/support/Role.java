package io.custodia.chaincode.support;

import java.util.Optional;

/** Values of the {@code custodia.role} certificate attribute. */
public enum Role {
    /** A hospital or research centre: writes its own datasets and custody hops, requests access. */
    INSTITUTION("institution"),
    /** A DPO, ethics board or regulator: reads everything, writes nothing. */
    AUDITOR("auditor");

    /** The Fabric-CA attribute that carries the role. */
    public static final String ATTRIBUTE = "custodia.role";

    private final String attributeValue;

    Role(final String attributeValue) {
        this.attributeValue = attributeValue;
    }

    public String attributeValue() {
        return attributeValue;
    }

    public static Optional<Role> fromAttribute(final String value) {
        for (final Role role : values()) {
            if (role.attributeValue.equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
