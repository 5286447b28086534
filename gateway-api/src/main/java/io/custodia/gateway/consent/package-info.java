/**
 * Patient and proxy consents: {@code POST /api/v1/consents}, {@code GET /api/v1/me/consents},
 * {@code DELETE /api/v1/consents/{consentId}}.
 *
 * <p>Who acts: a patient acts on their own subject reference; a proxy names a delegation registered
 * for them (else 404) and acts on its subject, the chaincode checking that the delegation is in force
 * and allows the act. Submissions go through the patient's institution identity ({@code Callers}).
 *
 * <p>Grant with a document: document and a {@code grant-consent} outbox item commit in one store
 * transaction, the grant runs inline, and a grant that did not commit deletes the document (also
 * after a crash, on resume). Revocation: the {@code revoke-consent} outbox operation revokes on-chain,
 * erases the subject off-chain when no other consent covers them, compacts, and records the erasure
 * receipt; the response is sent after the last step.
 *
 * <p>First access after a revocation: the DELETE answers only after {@code RevokeConsent} committed
 * VALID. An access request committed after that reads the consent as REVOKED and does not release
 * the subject (the chaincode excludes non-ACTIVE consents); one committed before it could release the
 * subject legitimately. Between the revocation's commit and the erasure step, the access endpoint
 * resolves pointers for released subjects only, and after the erasure step no pointers of the subject
 * exist, so nothing of the subject is handed out afterwards whichever order the two run in.
 */
package io.custodia.gateway.consent;
