package io.custodia.gateway.datasets;

import io.custodia.canonical.CanonicalJson;
import io.custodia.canonical.InvalidJsonException;
import io.custodia.canonical.Pseudonyms;
import io.custodia.chaincode.dataset.DatasetDescriptor;
import io.custodia.gateway.http.ApiException;
import io.custodia.gateway.http.ApiException.FieldError;
import io.custodia.gateway.store.SubjectItems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a registration before anything is written. The descriptor is checked by the chaincode's
 * own {@link DatasetDescriptor} (one implementation of the rules), the off-chain parts here.
 */
final class RegistrationCheck {
    static final int MAX_ITEMS = 10_000;
    static final int MAX_POINTERS_PER_SUBJECT = 1_000;
    static final int MAX_URI_LENGTH = 2_048;

    private RegistrationCheck() {}

    /** The validated registration, or 400 listing every invalid field. */
    static ValidRegistration validate(final RegisterDatasetRequest request) {
        final List<FieldError> errors = new ArrayList<>();
        DatasetDescriptor descriptor = null;
        if (request.dataset() == null || !request.dataset().isObject()) {
            errors.add(new FieldError("dataset", "is required (the dataset descriptor)"));
        } else {
            try {
                descriptor = CanonicalJson.parse(request.dataset().toString(), DatasetDescriptor.class);
            } catch (InvalidJsonException e) {
                errors.add(new FieldError("$".equals(e.field()) ? "dataset" : "dataset." + e.field(), e.reason()));
            }
        }
        checkUri(errors, "storageUri", request.storageUri());
        final List<SubjectItems> items = new ArrayList<>();
        if (request.items() == null) {
            errors.add(new FieldError("items", "is required (may be empty)"));
        } else if (request.items().size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "must have at most " + MAX_ITEMS + " subjects"));
        } else {
            final Set<String> seen = new HashSet<>();
            for (int i = 0; i < request.items().size(); i++) {
                final RegisterDatasetRequest.Item item = request.items().get(i);
                final String at = "items[" + i + "]";
                if (item == null) {
                    errors.add(new FieldError(at, "must be an object"));
                    continue;
                }
                if (!Pseudonyms.isSubjectRef(item.subjectRef())) {
                    errors.add(new FieldError(at + ".subjectRef", "must be a subject reference (64 lower-case hex digits); get one from POST /api/v1/subjects/pseudonyms"));
                } else if (!seen.add(item.subjectRef())) {
                    errors.add(new FieldError(at + ".subjectRef", "duplicate subject"));
                }
                final byte[] salt = salt(errors, at + ".itemSalt", item.itemSalt());
                if (item.pointers() == null || item.pointers().isEmpty() || item.pointers().size() > MAX_POINTERS_PER_SUBJECT) {
                    errors.add(new FieldError(at + ".pointers", "must list 1 to " + MAX_POINTERS_PER_SUBJECT + " locations"));
                } else {
                    for (int j = 0; j < item.pointers().size(); j++) {
                        checkUri(errors, at + ".pointers[" + j + "]", item.pointers().get(j));
                    }
                }
                if (errors.isEmpty() && descriptor != null) {
                    items.add(new SubjectItems(descriptor.datasetId(), item.subjectRef(), List.copyOf(item.pointers()), salt));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new ValidRegistration(descriptor, request.storageUri(), items);
    }

    private static byte[] salt(final List<FieldError> errors, final String field, final String hex) {
        try {
            final byte[] salt = HexFormat.of().parseHex(hex == null ? "" : hex);
            if (salt.length < 16 || salt.length > 64) {
                errors.add(new FieldError(field, "must be 16 to 64 random bytes as hex"));
            }
            return salt;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be hex"));
            return new byte[0];
        }
    }

    private static void checkUri(final List<FieldError> errors, final String field, final String value) {
        if (value == null || value.isBlank() || value.length() > MAX_URI_LENGTH) {
            errors.add(new FieldError(field, "must be a URI or path of 1 to " + MAX_URI_LENGTH + " characters"));
            return;
        }
        try {
            new URI(value);
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "is not a valid URI reference"));
        }
    }

    /** A registration that passed every check. */
    record ValidRegistration(DatasetDescriptor descriptor, String storageUri, List<SubjectItems> items) {
        List<String> subjectRefs() {
            return items.stream().map(SubjectItems::subjectRef).sorted().toList();
        }
    }
}
