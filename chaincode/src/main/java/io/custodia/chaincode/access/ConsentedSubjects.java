package io.custodia.chaincode.access;

import io.custodia.chaincode.consent.ConsentRecord;
import io.custodia.chaincode.consent.ConsentRepository;
import io.custodia.chaincode.dataset.DatasetRecord;
import io.custodia.chaincode.duo.DuoTerm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a dataset's subjects hold a consent releasing the dataset to the requester for the purpose
 * at transaction time. Reads each subject's active consents with one point read ({@link
 * ConsentRepository#decidingConsents}); the dataset is read once by the caller and passed in.
 */
final class ConsentedSubjects {
    private final ConsentRepository consents;

    ConsentedSubjects(final ConsentRepository consents) {
        this.consents = consents;
    }

    /** The released subset of {@code subjects}, in the (sorted) order given. */
    List<String> released(final List<String> subjects, final DatasetRecord dataset, final String requester,
            final DuoTerm purpose, final Instant time) {
        final List<String> released = new ArrayList<>();
        for (final String subject : subjects) {
            for (final ConsentRecord consent : consents.decidingConsents(subject)) {
                if (consent.releases(dataset.datasetId(), dataset.owner(), requester, purpose, time)) {
                    released.add(subject);
                    break;
                }
            }
        }
        return released;
    }
}
