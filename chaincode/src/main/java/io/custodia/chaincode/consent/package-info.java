/**
 * Consents and proxy delegations.
 *
 * <p><b>Who submits.</b> Patients and proxies (guardians, legal representatives) have no Fabric
 * identity. Their institution's gateway authenticates them (JWT) and submits on their behalf with the
 * institution's own identity, so every consent and delegation transaction requires role
 * {@code institution} and records the caller's MSP ID as {@code recordedBy}. The chaincode still
 * enforces everything that does not depend on knowing the person: pseudonym formats (never a raw
 * identifier), that a proxy act is backed by an active, in-period delegation for this subject whose
 * scope allows the act, scopes, validity periods and state transitions.
 *
 * <p>A consent is stored under {@code CONSENT [consentId]}, as an identical copy under
 * {@code CONSENT_BY_SUBJECT [subjectRef, consentId]} (a subject's consents listed with one range
 * scan), and, while ACTIVE, inside {@code ACTIVE_CONSENTS [subjectRef]}: the subject's active set,
 * rewritten by every grant and revocation of the subject. An access decision reads that one key per
 * subject. Fabric re-checks the version of every key a transaction read when it commits, so an
 * access decision racing a grant or revocation for one of its subjects is invalidated rather than
 * committed on stale consent. (It used to range-scan {@code CONSENT_BY_SUBJECT} per subject instead;
 * for a 100-subject dataset the 100 scans, and their re-execution at validation, were over a quarter
 * of a PERMIT's CPU. Subjects without an active set are still read that way: see
 * {@link io.custodia.chaincode.consent.ConsentRepository#decidingConsents}.)
 */
package io.custodia.chaincode.consent;
