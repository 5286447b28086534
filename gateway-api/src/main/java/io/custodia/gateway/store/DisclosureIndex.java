package io.custodia.gateway.store;

import java.util.Collection;
import java.util.List;

/** The per-subject disclosure index behind "who accessed my data". */
public interface DisclosureIndex {
    /**
     * Records disclosures; a row already recorded for the same subject and event is kept as is, so
     * a retried access flow does not duplicate rows.
     *
     * @return rows newly recorded
     */
    int recordAll(Collection<Disclosure> disclosures);

    /** The subject's disclosures, newest first, at most {@code limit}. */
    List<Disclosure> listForSubject(String subjectRef, int limit);
}
