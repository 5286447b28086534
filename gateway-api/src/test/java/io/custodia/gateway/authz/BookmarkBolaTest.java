package io.custodia.gateway.authz;

import static io.custodia.gateway.testing.HttpClientSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custodia.canonical.Hashes;
import io.custodia.gateway.auth.UserRole;
import io.custodia.gateway.testing.ApiSamples;
import io.custodia.gateway.testing.HttpClientSupport;
import io.custodia.gateway.testing.HttpClientSupport.Reply;
import io.custodia.gateway.testing.RunningGateway;
import io.custodia.ledger.identity.CertificateAuthority;
import io.custodia.ledger.identity.Identity;
import io.custodia.canonical.CustodyHopStatement;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broken object-level authorisation through pagination, over real HTTP: two institutions (and a
 * third with no stake), an auditor, four patients and two proxies, each holding records, and every
 * paginated endpoint probed with crafted bookmarks — raw ledger keys of other ranges, real bookmarks
 * of other callers and other queries, altered ones. No answer may carry a record outside the
 * caller's query (every item's owner or subject is checked), every bookmark a query did not hand out
 * to this caller is a 400 problem on {@code bookmark}, and paging with one's own bookmarks returns all
 * and only one's own records.
 */
class BookmarkBolaTest {
    private static final String ACCESS = "{\"requestId\":\"%s\",\"datasetId\":\"%s\",\"purpose\":{\"code\":\"HMB\"},\"commercial\":false,"
            + "\"forProfit\":false,\"methodsDevelopment\":false,\"geneticStudy\":false}";

    private static RunningGateway gateway;
    private static HttpClientSupport http;
    private static String orgA;
    private static String orgB;
    private static String orgC;
    private static String auditor;
    private static String p1;
    private static String p2;
    private static String proxyP1;
    private static String proxyP2;
    private static String p1Ref;
    private static String p2Ref;
    private static String p3Ref;
    private static String p4Ref;
    private static String receiptP3;
    private static String eventOnA1;
    private static final List<Listing> LISTINGS = new ArrayList<>();

    /** One paginated query of one caller: what each item must satisfy, and how many there are. */
    private record Listing(String name, String token, String path, Predicate<JsonNode> owned, int count) {
        String page(final int size, final String bookmark) {
            String sep = path.contains("?") ? "&" : "?";
            return path + sep + "pageSize=" + size + (bookmark == null ? "" : "&bookmark=" + encode(bookmark));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = RunningGateway.start();
        http = new HttpClientSupport(gateway.baseUrl());
        orgA = gateway.token(UserRole.INSTITUTION, "Org1MSP", "steward-a");
        orgB = gateway.token(UserRole.INSTITUTION, "Org2MSP", "steward-b");
        orgC = gateway.token(UserRole.INSTITUTION, "Org3MSP", "steward-c");
        auditor = gateway.token(UserRole.AUDITOR, "AuditorMSP", "dpo");
        p1 = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-B1");
        p2 = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-B2");
        String p3 = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-B3");
        String p4 = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-B4");
        proxyP1 = gateway.token(UserRole.PROXY, "Org1MSP", "GUARDIAN-B1");
        proxyP2 = gateway.token(UserRole.PROXY, "Org1MSP", "GUARDIAN-B2");

        JsonNode refs = http.post("/api/v1/subjects/pseudonyms", orgA,
                json(Map.of("patientIds", List.of("MRN-B1", "MRN-B2", "MRN-B3", "MRN-B4")))).json().get("subjectRefs");
        p1Ref = refs.get(0).asText();
        p2Ref = refs.get(1).asText();
        p3Ref = refs.get(2).asText();
        p4Ref = refs.get(3).asText();

        // Org1 holds P1 and P2 in bola-a1, P2 alone in bola-a2, nobody in zzzz-a (last in key order); Org2 two empty datasets.
        expect(201, http.post("/api/v1/datasets", orgA, json(ApiSamples.registration("bola-a1", List.of(p1Ref, p2Ref)))));
        expect(201, http.post("/api/v1/datasets", orgA, json(ApiSamples.registration("bola-a2", List.of(p2Ref)))));
        expect(201, http.post("/api/v1/datasets", orgA, json(ApiSamples.registration("zzzz-a", List.of()))));
        expect(201, http.post("/api/v1/datasets", orgB, json(ApiSamples.registration("bola-b1", List.of()))));
        expect(201, http.post("/api/v1/datasets", orgB, json(ApiSamples.registration("bola-b2", List.of()))));

        for (int i = 1; i <= 3; i++) {
            expect(201, http.post("/api/v1/consents", p1, json(consent("bola-p1-c" + i))));
            expect(201, http.post("/api/v1/consents", p2, json(consent("bola-p2-c" + i))));
        }
        expect(201, http.post("/api/v1/delegations", orgA, json(delegation("bola-d1", "MRN-B1", "GUARDIAN-B1"))));
        expect(201, http.post("/api/v1/delegations", orgA, json(delegation("bola-d2", "MRN-B2", "GUARDIAN-B2"))));

        // Trails: Org2 asks for bola-a1 three times (releases P1 and P2), bola-a2 twice (P2) and zzzz-a once; Org1 asks for bola-b1 twice.
        for (int i = 1; i <= 3; i++) {
            Reply reply = http.post("/api/v1/access-requests", orgB, String.format(ACCESS, "bola-ra1-" + i, "bola-a1"));
            expect(201, reply);
            eventOnA1 = reply.json().path("event").path("eventId").asText();
        }
        for (int i = 1; i <= 2; i++) {
            expect(201, http.post("/api/v1/access-requests", orgB, String.format(ACCESS, "bola-ra2-" + i, "bola-a2")));
            expect(201, http.post("/api/v1/access-requests", orgA, String.format(ACCESS, "bola-rb1-" + i, "bola-b1")));
        }
        expect(201, http.post("/api/v1/access-requests", orgB, String.format(ACCESS, "bola-rz-1", "zzzz-a")));

        // Erasure receipts of P3 and P4: each grants and revokes (the revocation erases them).
        expect(201, http.post("/api/v1/consents", p3, json(consent("bola-p3-c1"))));
        expect(201, http.post("/api/v1/consents", p4, json(consent("bola-p4-c1"))));
        Reply erased = http.delete("/api/v1/consents/bola-p3-c1", p3);
        expect(200, erased);
        receiptP3 = erased.json().path("erasure").path("receiptId").asText();
        expect(200, http.delete("/api/v1/consents/bola-p4-c1", p4));

        // Custody: two signed copies each of bola-a1 and bola-a2.
        Identity signer = CertificateAuthority.create("Org1MSP").issue("bola-custody-signer", Map.of());
        Reply key = http.post("/api/v1/custody-keys", orgA, json(Map.of("certificatePem", signer.certificatePem())));
        expect(201, key);
        for (String datasetId : List.of("bola-a1", "bola-a2")) {
            for (String to : List.of("Org2MSP", "Org3MSP")) {
                JsonNode head = http.get("/api/v1/datasets/" + datasetId + "/custody/head", orgA).json();
                expect(201, http.post("/api/v1/datasets/" + datasetId + "/custody-hops", orgA,
                        json(hop(signer, key.json().get("keyId").asText(), datasetId, head, to))));
            }
        }

        Predicate<JsonNode> ofP1 = item -> p1Ref.equals(item.path("consent").path("subjectRef").asText());
        Predicate<JsonNode> ofP2 = item -> p2Ref.equals(item.path("consent").path("subjectRef").asText());
        Predicate<JsonNode> releasedP1 = item -> "bola-a1".equals(item.path("datasetId").asText()) && "Org2MSP".equals(item.path("requester").asText());
        Predicate<JsonNode> releasedP2 = item -> List.of("bola-a1", "bola-a2").contains(item.path("datasetId").asText())
                && "Org2MSP".equals(item.path("requester").asText());
        LISTINGS.add(new Listing("P1 consents", p1, "/api/v1/me/consents", ofP1, 3));
        LISTINGS.add(new Listing("P2 consents", p2, "/api/v1/me/consents", ofP2, 3));
        LISTINGS.add(new Listing("proxy of P1 consents", proxyP1, "/api/v1/me/consents?delegationId=bola-d1", ofP1, 3));
        LISTINGS.add(new Listing("proxy of P2 consents", proxyP2, "/api/v1/me/consents?delegationId=bola-d2", ofP2, 3));
        LISTINGS.add(new Listing("P1 disclosures", p1, "/api/v1/me/disclosures", releasedP1, 3));
        LISTINGS.add(new Listing("P2 disclosures", p2, "/api/v1/me/disclosures", releasedP2, 5));
        LISTINGS.add(new Listing("proxy of P1 disclosures", proxyP1, "/api/v1/me/disclosures?delegationId=bola-d1", releasedP1, 3));
        LISTINGS.add(new Listing("P2 disclosures from 2000", p2, "/api/v1/me/disclosures?from=2000-01-01T00:00:00Z", releasedP2, 5));
        LISTINGS.add(new Listing("Org2 trail as requester", orgB, "/api/v1/audit/access-events?institution=Org2MSP",
                item -> "Org2MSP".equals(item.path("requester").asText()), 6));
        LISTINGS.add(new Listing("Org1 trail as requester", orgA, "/api/v1/audit/access-events?institution=Org1MSP",
                item -> "Org1MSP".equals(item.path("requester").asText()), 2));
        LISTINGS.add(new Listing("Org1 trail as requester from 2000", orgA,
                "/api/v1/audit/access-events?institution=Org1MSP&from=2000-01-01T00:00:00Z",
                item -> "Org1MSP".equals(item.path("requester").asText()), 2));
        LISTINGS.add(new Listing("trail of bola-a1", orgA, "/api/v1/audit/access-events?datasetId=bola-a1",
                item -> "bola-a1".equals(item.path("datasetId").asText()), 3));
        LISTINGS.add(new Listing("trail of zzzz-a", orgA, "/api/v1/audit/access-events?datasetId=zzzz-a",
                item -> "zzzz-a".equals(item.path("datasetId").asText()), 1));
        LISTINGS.add(new Listing("trail of bola-b1", orgB, "/api/v1/audit/access-events?datasetId=bola-b1",
                item -> "bola-b1".equals(item.path("datasetId").asText()), 2));
        LISTINGS.add(new Listing("auditor: trail of P1", auditor, "/api/v1/audit/access-events?subjectRef=" + p1Ref, releasedP1, 3));
        LISTINGS.add(new Listing("auditor: trail of P2", auditor, "/api/v1/audit/access-events?subjectRef=" + p2Ref, releasedP2, 5));
        LISTINGS.add(new Listing("auditor: erasures of P3", auditor, "/api/v1/audit/erasures?subjectRef=" + p3Ref,
                item -> p3Ref.equals(item.path("erasure").path("subjectRef").asText()), 1));
        LISTINGS.add(new Listing("auditor: erasures of P4", auditor, "/api/v1/audit/erasures?subjectRef=" + p4Ref,
                item -> p4Ref.equals(item.path("erasure").path("subjectRef").asText()), 1));
        LISTINGS.add(new Listing("Org2: datasets of Org1", orgB, "/api/v1/datasets?owner=Org1MSP",
                item -> "Org1MSP".equals(item.path("owner").asText()), 3));
        LISTINGS.add(new Listing("Org1: datasets of Org2", orgA, "/api/v1/datasets?owner=Org2MSP",
                item -> "Org2MSP".equals(item.path("owner").asText()), 2));
        LISTINGS.add(new Listing("custody of bola-a1", orgA, "/api/v1/datasets/bola-a1/custody",
                item -> "bola-a1".equals(item.findValue("datasetId").asText()), 2));
        LISTINGS.add(new Listing("custody of bola-a2", orgB, "/api/v1/datasets/bola-a2/custody",
                item -> "bola-a2".equals(item.findValue("datasetId").asText()), 2));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void paging_with_ones_own_bookmarks_returns_all_and_only_ones_own_records() throws Exception {
        List<String> failures = new ArrayList<>();

        for (Listing listing : LISTINGS) {
            List<String> paged = new ArrayList<>();
            String bookmark = null;
            int pages = 0;
            do {
                Reply reply = http.get(listing.page(1, bookmark), listing.token());
                if (reply.status() != 200) {
                    failures.add(listing.name() + " page " + pages + ": " + reply);
                    break;
                }
                checkOwned(listing, reply, failures);
                reply.json().path("items").forEach(item -> paged.add(item.toString()));
                bookmark = reply.json().path("bookmark").asText();
                pages++;
            } while (!bookmark.isEmpty() && pages <= listing.count() + 1);
            Reply whole = http.get(listing.page(1000, null), listing.token());
            List<String> all = new ArrayList<>();
            whole.json().path("items").forEach(item -> all.add(item.toString()));

            if (paged.size() != listing.count() || !paged.equals(all)) {
                failures.add(listing.name() + ": paged " + paged.size() + " items, one page " + all.size() + ", expected " + listing.count());
            }
            checkOwned(listing, whole, failures);
        }

        assertThat(failures).isEmpty();
    }

    @Test
    void raw_ledger_keys_and_made_up_bookmarks_are_refused_and_reveal_nothing() throws Exception {
        List<String> crafted = new ArrayList<>(List.of(
                "CONSENT_BY_SUBJECT\u0001", "A", "ACCESS_BY_DATASET\u0001", "ACCESS_BY_REQUESTER\u0001",
                "ACCESS_BY_REQUESTER\u0001Org1MSP\u0001", "ACCESS_BY_DATASET\u0001bola-a1\u0001", "\u0000", "zzzz",
                "DATASET\u0001", "DATASET_BY_OWNER\u0001", "CONSENT\u0001", "ERASURE_BY_SUBJECT\u0001", "ERASURE\u0001",
                "CUSTODY_HOP\u0001", "DELEGATION\u0001",
                "CONSENT_BY_SUBJECT\u0001" + p1Ref + "\u0001", "CONSENT_BY_SUBJECT\u0001" + p2Ref + "\u0001bola-p2-c2",
                "ERASURE_BY_SUBJECT\u0001" + p3Ref + "\u0001",
                "AQ", "AAAA", "%", "=", "0000000000000/bola-ra1-1"));
        for (String raw : List.of("CONSENT_BY_SUBJECT\u0001", "ACCESS_BY_DATASET\u0001", "0/x", "1/bola-ra1-1")) {
            crafted.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> failures = new ArrayList<>();

        for (Listing listing : LISTINGS) {
            for (String bookmark : crafted) {
                expectRefused(listing, bookmark, "crafted " + bookmark.replace('\u0001', '/').replace('\u0000', '0'), failures);
            }
        }

        assertThat(failures).isEmpty();
    }

    @Test
    void a_real_bookmark_of_another_caller_or_another_query_is_refused() throws Exception {
        Map<String, String> firstBookmarks = new LinkedHashMap<>();
        for (Listing listing : LISTINGS) {
            String bookmark = http.get(listing.page(1, null), listing.token()).json().path("bookmark").asText();
            if (listing.count() > 1) {
                assertThat(bookmark).as(listing.name()).isNotEmpty();
                firstBookmarks.put(listing.name(), bookmark);
            }
        }
        List<String> failures = new ArrayList<>();

        for (Listing target : LISTINGS) {
            for (Map.Entry<String, String> source : firstBookmarks.entrySet()) {
                if (!source.getKey().equals(target.name())) {
                    expectRefused(target, source.getValue(), "bookmark of " + source.getKey(), failures);
                }
            }
        }

        assertThat(failures).isEmpty();
        assertThat(firstBookmarks).hasSizeGreaterThan(15);
    }

    @Test
    void an_altered_truncated_or_overlong_bookmark_is_refused() throws Exception {
        List<String> failures = new ArrayList<>();

        for (Listing listing : LISTINGS) {
            if (listing.count() < 2) {
                continue;
            }
            String own = http.get(listing.page(1, null), listing.token()).json().path("bookmark").asText();
            byte[] raw = Base64.getUrlDecoder().decode(own);
            List<String> altered = new ArrayList<>();
            for (int bit : List.of(0, 7, 8, 100, raw.length * 8 / 2, raw.length * 8 - 1)) {
                byte[] flipped = raw.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                altered.add(Base64.getUrlEncoder().withoutPadding().encodeToString(flipped));
            }
            altered.add(own.substring(0, own.length() - 1));
            altered.add(own.substring(0, own.length() / 2));
            altered.add(own.substring(1));
            altered.add(own + "A");
            altered.add(own + "=");
            altered.add(own + "A".repeat(2000));
            altered.add(own.replace('-', '+').replace('_', '/') + "==");
            for (String bookmark : altered) {
                expectRefused(listing, bookmark, "altered own bookmark", failures);
            }
            Reply empty = http.get(listing.page(1, ""), listing.token());
            if (empty.status() != 200 || !empty.json().path("items").equals(http.get(listing.page(1, null), listing.token()).json().path("items"))) {
                failures.add(listing.name() + ": empty bookmark is not the first page: " + empty);
            }
        }

        assertThat(failures).isEmpty();
    }

    @Test
    void a_proxy_whose_delegation_ended_reads_and_writes_nothing() throws Exception {
        expect(201, http.post("/api/v1/delegations", orgA, json(delegation("bola-d3", "MRN-B2", "GUARDIAN-B3"))));
        String proxy = gateway.token(UserRole.PROXY, "Org1MSP", "GUARDIAN-B3");
        Reply before = http.get("/api/v1/me/consents?delegationId=bola-d3", proxy);
        Reply disclosedBefore = http.get("/api/v1/me/disclosures?delegationId=bola-d3", proxy);
        String bookmarkBefore = http.get("/api/v1/me/consents?delegationId=bola-d3&pageSize=1", proxy).json().path("bookmark").asText();
        expect(200, http.post("/api/v1/delegations/bola-d3/end", orgA, ""));

        Reply consents = http.get("/api/v1/me/consents?delegationId=bola-d3", proxy);
        Reply paged = http.get("/api/v1/me/consents?delegationId=bola-d3&pageSize=1&bookmark=" + encode(bookmarkBefore), proxy);
        Reply disclosures = http.get("/api/v1/me/disclosures?delegationId=bola-d3", proxy);
        Map<String, Object> grant = consent("bola-d3-c1");
        grant.put("delegationId", "bola-d3");
        Reply granted = http.post("/api/v1/consents", proxy, json(grant));
        Reply revoked = http.delete("/api/v1/consents/bola-p2-c1?delegationId=bola-d3", proxy);
        Reply missing = http.get("/api/v1/me/consents?delegationId=bola-missing", proxy);

        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(before.json().path("items")).hasSize(3);
        assertThat(disclosedBefore.status()).isEqualTo(200);
        for (Reply reply : List.of(consents, paged, disclosures, granted, revoked)) {
            assertSameNotFound(reply, missing);
        }
        assertThat(http.get("/api/v1/me/consents", p2).json().path("items")).as("nothing was granted or revoked").hasSize(3)
                .allSatisfy(item -> assertThat(item.path("status").asText()).isEqualTo("ACTIVE"));
    }

    @Test
    void foreign_and_missing_objects_get_the_same_not_found_everywhere() throws Exception {
        List<Reply[]> pairs = List.of(
                pair(orgB, "GET", "/api/v1/audit/erasures/" + receiptP3, "/api/v1/audit/erasures/bola-missing"),
                pair(orgC, "GET", "/api/v1/audit/access-events/" + eventOnA1, "/api/v1/audit/access-events/bola-missing"),
                pair(orgA, "GET", "/api/v1/audit/access-events?datasetId=bola-b1", "/api/v1/audit/access-events?datasetId=bola-missing"),
                pair(p2, "DELETE", "/api/v1/consents/bola-p1-c1", "/api/v1/consents/bola-missing"),
                pair(orgB, "POST", "/api/v1/datasets/bola-a1/withdrawal", "/api/v1/datasets/bola-missing/withdrawal"),
                pair(orgB, "POST", "/api/v1/delegations/bola-d1/end", "/api/v1/delegations/bola-missing/end"),
                pair(proxyP2, "GET", "/api/v1/me/consents?delegationId=bola-d1", "/api/v1/me/consents?delegationId=bola-missing"),
                pair(proxyP2, "GET", "/api/v1/me/disclosures?delegationId=bola-d1", "/api/v1/me/disclosures?delegationId=bola-missing"),
                pair(proxyP2, "DELETE", "/api/v1/consents/bola-p1-c1?delegationId=bola-d1", "/api/v1/consents/bola-p1-c1?delegationId=bola-missing"),
                pair(orgA, "GET", "/api/v1/datasets/bola-missing", "/api/v1/datasets/bola-missing/custody"));
        Reply reference = pairs.get(0)[1];

        for (Reply[] pair : pairs) {
            assertSameNotFound(pair[0], pair[1]);
            assertSameNotFound(pair[0], reference);
        }
        assertThat(http.get("/api/v1/me/consents", p1).json().path("items")).as("P1's consent was not revoked by P2").hasSize(3);
    }

    @Test
    void a_consent_id_held_by_another_subject_answers_exactly_like_a_fresh_one() throws Exception {
        String p5 = gateway.token(UserRole.PATIENT, "Org1MSP", "MRN-B5");

        Reply taken = http.post("/api/v1/consents", p5, json(consent("bola-p1-c2")));
        Reply fresh = http.post("/api/v1/consents", p5, json(consent("bola-p5-own")));
        Reply againTaken = http.post("/api/v1/consents", p5, json(consent("bola-p1-c2")));
        Reply againFresh = http.post("/api/v1/consents", p5, json(consent("bola-p5-own")));
        Reply reserved = http.post("/api/v1/consents", p5, json(consent("bola-x:s-0123456789abcdef")));
        JsonNode listed = http.get("/api/v1/me/consents", p5).json().path("items");
        Reply revoked = http.delete("/api/v1/consents/bola-p1-c2", p5);

        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fieldNames(taken.json())).isEqualTo(fieldNames(fresh.json()));
        assertThat(taken.json().path("consent").path("consentId").asText()).isEqualTo("bola-p1-c2");
        String p5Ref = taken.json().path("consent").path("subjectRef").asText();
        assertThat(p5Ref).isNotEqualTo(p1Ref).isEqualTo(fresh.json().path("consent").path("subjectRef").asText());
        assertThat(againTaken.status()).isEqualTo(409);
        assertThat(againTaken.body().replace("bola-p1-c2", "ID")).isEqualTo(againFresh.body().replace("bola-p5-own", "ID"));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().path("errors").get(0).path("field").asText()).isEqualTo("consentId");
        assertThat(listed).extracting(item -> item.path("consent").path("consentId").asText())
                .containsExactlyInAnyOrder("bola-p1-c2", "bola-p5-own");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("consent").path("consent").path("consentId").asText()).isEqualTo("bola-p1-c2");
        assertThat(revoked.json().path("consent").path("consent").path("subjectRef").asText()).isEqualTo(p5Ref);
        assertThat(http.get("/api/v1/me/consents", p1).json().path("items"))
                .as("P1's consent of the same name is untouched").hasSize(3)
                .allSatisfy(item -> assertThat(item.path("status").asText()).isEqualTo("ACTIVE"));
    }

    private static List<String> fieldNames(final JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> names.add(name + (node.get(name).isObject() ? fieldNames(node.get(name)) : "")));
        return names;
    }

    private static Reply[] pair(final String token, final String method, final String foreign, final String missing) throws Exception {
        return new Reply[] {send(token, method, foreign), send(token, method, missing)};
    }

    private static Reply send(final String token, final String method, final String path) throws Exception {
        return switch (method) {
            case "GET" -> http.get(path, token);
            case "DELETE" -> http.delete(path, token);
            default -> http.post(path, token, path.endsWith("withdrawal") ? "{\"reason\":\"quality-issue\"}" : "");
        };
    }

    /** Same status, content type and body, byte for byte but for the request path in {@code instance}. */
    private static void assertSameNotFound(final Reply actual, final Reply expected) {
        assertThat(actual.status()).as(actual.toString()).isEqualTo(404);
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.header("Content-Type")).isEqualTo(expected.header("Content-Type")).startsWith("application/problem+json");
        assertThat(withoutInstance(actual)).isEqualTo(withoutInstance(expected));
    }

    private static String withoutInstance(final Reply reply) {
        String instance = reply.json().path("instance").asText();
        assertThat(instance).isNotEmpty();
        return reply.body().replace("\"instance\":\"" + instance + "\"", "\"instance\":\"…\"");
    }

    private static void expectRefused(final Listing listing, final String bookmark, final String what, final List<String> failures)
            throws Exception {
        Reply reply = http.get(listing.page(1000, bookmark), listing.token());
        if (reply.status() == 200) {
            checkOwned(listing, reply, failures);
        }
        JsonNode problem = reply.status() == 400 ? reply.json() : null;
        boolean refused = problem != null
                && String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
                && problem.path("errors").size() == 1
                && "bookmark".equals(problem.path("errors").get(0).path("field").asText());
        if (!refused || reply.body().contains("java.") || reply.body().contains("Exception") || reply.body().contains("\\u0001")) {
            failures.add(listing.name() + " with " + what + ": " + abbreviated(reply));
        }
    }

    private static void checkOwned(final Listing listing, final Reply reply, final List<String> failures) {
        for (JsonNode item : reply.json().path("items")) {
            if (!listing.owned().test(item)) {
                failures.add(listing.name() + " returned a foreign record: " + abbreviate(item.toString()));
            }
        }
    }

    private static String abbreviated(final Reply reply) {
        return reply.status() + " " + abbreviate(reply.body());
    }

    private static String abbreviate(final String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> consent(final String consentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consentId", consentId);
        body.put("scope", Map.of("kind", "INSTITUTION", "institution", "Org1MSP"));
        body.put("purposes", List.of(Map.of("code", "HMB")));
        body.put("grantees", List.of("Org2MSP"));
        body.put("validFrom", "2025-01-01T00:00:00Z");
        body.put("documentHash", Hashes.sha256Hex("form-" + consentId));
        return body;
    }

    private static Map<String, Object> delegation(final String delegationId, final String patientId, final String proxyId) {
        return Map.of("delegationId", delegationId, "patientId", patientId, "proxyId", proxyId, "kind", "GUARDIAN",
                "scope", Map.of("grant", true, "revoke", true), "validFrom", "2025-01-01T00:00:00Z",
                "documentHash", Hashes.sha256Hex("court-order-" + delegationId));
    }

    private static Map<String, Object> hop(final Identity signer, final String keyId, final String datasetId, final JsonNode head,
            final String to) {
        long sequence = head.path("sequence").asLong(0) + 1;
        String previous = head.path("lastHopHash").asText("");
        String contentHash = Hashes.sha256Hex("content-" + datasetId);
        CustodyHopStatement statement = CustodyHopStatement.of(datasetId, sequence, previous, "Org1MSP", to, "COPY", contentHash);
        Map<String, Object> hop = new LinkedHashMap<>();
        hop.put("sequence", sequence);
        hop.put("previousHopHash", previous);
        hop.put("from", "Org1MSP");
        hop.put("to", to);
        hop.put("action", "COPY");
        hop.put("contentHash", contentHash);
        hop.put("keyId", keyId);
        hop.put("signature", Base64.getEncoder().encodeToString(signer.sign(statement.signingBytes())));
        return hop;
    }

    private static void expect(final int status, final Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    }
}
