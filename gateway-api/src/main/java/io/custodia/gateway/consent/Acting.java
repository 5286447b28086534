package io.custodia.gateway.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who acts on a subject's consents: the subject whose consents they are, and the chaincode {@code
 * Actor} JSON ({@code {kind:SUBJECT}} or {@code {kind:PROXY, proxyRef, delegationId}}).
 */
public record Acting(String subjectRef, ObjectNode actor) {}
