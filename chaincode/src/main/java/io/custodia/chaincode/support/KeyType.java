package io.custodia.chaincode.support;

/**
 * Every kind of key the chaincode writes, with its attributes. The enum name is the key prefix, so
 * renaming a constant changes the ledger format: don't.
 *
 * <p>Retired: {@code ACCESS_BY_SUBJECT} ([subjectRef, fixedWidth(epochMillis), eventId], one key per
 * released subject). Ledgers written before 2026-12-02 hold such keys; nothing reads them any more,
 * and the name must not be reused.
 */
public enum KeyType {
    /** [datasetId] → DatasetRecord. */
    DATASET,
    /** [ownerMspId, datasetId] → datasetId. */
    DATASET_BY_OWNER,
    /** [format, datasetId] → datasetId. */
    DATASET_BY_FORMAT,
    /** [tag, datasetId] → datasetId. */
    DATASET_BY_TAG,
    /** [datasetId, subjectRef] → subjectRef: the pseudonymous subjects a dataset holds items of. */
    DATASET_SUBJECT,
    /** [parentDatasetId, childDatasetId] → childDatasetId: lineage, downwards. */
    LINEAGE_CHILD,
    /** [mspId, keyId] → CustodyKeyRecord. */
    CUSTODY_KEY,
    /** [datasetId, fixedWidth(sequence)] → CustodyHopRecord. */
    CUSTODY_HOP,
    /** [datasetId] → CustodyHead: last sequence and hop hash, current holders. */
    CUSTODY_HEAD,
    /** [consentId] → ConsentRecord. */
    CONSENT,
    /** [subjectRef, consentId] → ConsentRecord, a copy of CONSENT[consentId]: one range scan lists a subject's consents. */
    CONSENT_BY_SUBJECT,
    /** [subjectRef] → ActiveConsents, copies of the subject's ACTIVE consents: one point read decides an access. */
    ACTIVE_CONSENTS,
    /** [delegationId] → DelegationRecord. */
    DELEGATION,
    /** [eventId] → AccessEvent. */
    ACCESS_EVENT,
    /** [datasetId, fixedWidth(epochMillis), eventId] → AccessEvent (a covering copy). */
    ACCESS_BY_DATASET,
    /** [requesterMspId, fixedWidth(epochMillis), eventId] → AccessEvent (a covering copy). */
    ACCESS_BY_REQUESTER,
    /** [receiptId] → ErasureReceipt. */
    ERASURE,
    /** [subjectRef, receiptId] → receiptId. */
    ERASURE_BY_SUBJECT,
    /**
     * [datasetId] → SubjectList: the DATASET_SUBJECT set in one value, written at registration, read by
     * access decisions. Datasets registered before 2026-12-06 have none; their decisions scan.
     */
    DATASET_SUBJECT_LIST,
    /** [eventId] → DeliveryReceipt: the owner's record that it handed an access event's released subjects to the requester. */
    DELIVERY
}
