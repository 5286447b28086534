package io.custodia.sdk.client;

/**
 * One use of a patient's data: an access event that released them ({@code GET /api/v1/me/disclosures}).
 *
 * <pre>{@code
 * client.consents().disclosures(Optional.empty(), Optional.empty(), PageRequest.first()).items()
 *         .forEach(d -> System.out.println(d.decidedAt() + " " + d.requesterInstitution() + " " + d.purpose()));
 * }</pre>
 *
 * @param subjectRef the patient's pseudonym
 * @param eventId access event
 * @param datasetId dataset
 * @param requesterInstitution who received the data
 * @param purpose stated purpose
 * @param decidedAt ledger time of the decision
 */
public record Disclosure(String subjectRef, String eventId, String datasetId, String requesterInstitution,
        String purpose, String decidedAt) {}
