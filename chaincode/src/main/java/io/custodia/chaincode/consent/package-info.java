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
 * <p>A consent is stored twice: under {@code CONSENT [consentId]} and, as an identical copy, under
 * {@code CONSENT_BY_SUBJECT [subjectRef, consentId]}. The copy lets an access decision read all of
 * a subject's consents with one range scan, and because Fabric re-checks range reads at commit
 * (phantom protection), an access decision racing a revocation of one of those consents is
 * invalidated rather than committed on stale consent.
 */
package io.custodia.chaincode.consent;
