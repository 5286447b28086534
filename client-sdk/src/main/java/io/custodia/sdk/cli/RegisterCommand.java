package io.custodia.sdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodia.sdk.client.ContentHash;
import io.custodia.sdk.client.CustodiaClient;
import io.custodia.sdk.client.CustodiaException;
import io.custodia.sdk.client.DatasetDescriptor;
import io.custodia.sdk.client.DatasetRecord;
import io.custodia.sdk.client.DatasetRegistration;
import io.custodia.sdk.client.IdempotencyKey;
import io.custodia.sdk.client.SubjectItems;
import io.custodia.sdk.commitments.ItemCommitmentCalculator;
import io.custodia.sdk.commitments.ItemCommitmentResult;
import io.custodia.sdk.commitments.MappingFormatException;
import io.custodia.sdk.commitments.SaltUnavailableException;
import io.custodia.sdk.commitments.SubjectItemSalt;
import io.custodia.sdk.commitments.SubjectMapping;
import io.custodia.sdk.commitments.SubjectRefSource;
import io.custodia.sdk.hashing.DatasetHash;
import io.custodia.sdk.hashing.DatasetHashingException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code custodia register <dir>}: hash a dataset, pseudonymise the mapping's patients through the
 * gateway, compute item commitments locally and register the dataset. Patient identifiers go to the
 * gateway's subject registry only; the ledger receives the descriptor and subjectRefs.
 *
 * <pre>{@code
 * custodia register ./study-42 --mapping subjects.csv --dataset-id ds-001 --storage-uri s3://bucket/study-42 \
 *     --format DICOM --license CC-BY-4.0 --deid-profile dicom-basic --use HMB
 * }</pre>
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Hash DIR, pseudonymise the patients of the mapping CSV via the gateway, compute item commitments locally, register the dataset.")
public final class RegisterCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Dataset directory.")
    Path dir;

    @Option(names = "--mapping", required = true, paramLabel = "CSV", description = "path,patientId mapping (docs/hashing.md §3.1).")
    Path mapping;

    @Option(names = "--dataset-id", paramLabel = "ID", description = "Dataset ID (else from --descriptor).")
    String datasetId;

    @Option(names = "--storage-uri", required = true, paramLabel = "URI", description = "Where the dataset is stored (kept off-chain).")
    String storageUri;

    @Option(names = "--pointers", paramLabel = "relative|uri", defaultValue = "relative",
            description = "Per-subject pointers: the files' relative paths (default) or URIs under --storage-uri.")
    String pointers;

    @Option(names = "--descriptor", paramLabel = "JSON", description = "Descriptor fields as JSON; flags override; hashes and counts are always computed.")
    Path descriptorFile;

    @Option(names = "--version-label", paramLabel = "V", description = "Dataset version (default 1).")
    String version;

    @Option(names = "--format", paramLabel = "F", description = "DICOM, NIFTI, FHIR, OMOP, CSV, PARQUET, VCF, FASTQ, BAM, EDF, WFDB, OTHER.")
    String format;

    @Option(names = "--modality", paramLabel = "M")
    String modality;

    @Option(names = "--tag", paramLabel = "TAG", description = "Context tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--license", paramLabel = "SPDX")
    String license;

    @Option(names = "--deid-profile", paramLabel = "P", description = "De-identification profile.")
    String deidProfile;

    @Option(names = "--use", paramLabel = "DUO", description = "DUO use permission: GRU, HMB, NRES, DS:<disease>, POA.")
    String use;

    @Option(names = "--modifier", paramLabel = "DUO", description = "DUO modifier without parameter, e.g. NCU, NPU, IRB (repeatable).")
    List<String> modifiers = new ArrayList<>();

    @Option(names = "--intended-task", paramLabel = "TASK")
    String intendedTask;

    @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Makes a retried registration replay instead of failing.")
    String idempotencyKey;

    @Option(names = "--threads", paramLabel = "N")
    Integer threads;

    @Mixin
    GatewayOptions gateway;

    private final CliContext ctx;

    public RegisterCommand(final CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CustodiaException, DatasetHashingException, MappingFormatException, SaltUnavailableException, IOException {
        if (!"relative".equals(pointers) && !"uri".equals(pointers)) {
            throw new CliException(ExitCodes.USAGE, "--pointers must be relative or uri");
        }
        final ObjectNode descriptor = descriptorBase();
        if (!Files.isReadable(mapping)) {
            throw new CliException(ExitCodes.INPUT, "cannot read mapping " + mapping);
        }
        final SubjectMapping subjects = SubjectMapping.read(mapping);
        final CustodiaClient client = gateway.client(ctx);
        final DatasetHash hash = HashCommand.hash(ctx, dir, threads, false);

        final List<String> patients = subjects.patientIds();
        final List<String> refs = client.subjects().pseudonyms(patients);
        final ItemCommitmentResult items = ItemCommitmentCalculator.builder()
                .subjectRefs(SubjectRefSource.of(patients, refs)).build()
                .compute(hash.manifest(), subjects);

        descriptor.set("contentHash", CliContext.json().valueToTree(ContentHash.merkle(hash.root())));
        descriptor.put("manifestHash", hash.manifestHash());
        descriptor.put("itemCommitmentRoot", items.published().itemCommitmentRoot());
        descriptor.put("itemCount", items.published().itemCount());
        descriptor.put("fileCount", hash.fileCount());
        descriptor.put("byteSize", hash.totalBytes());
        final DatasetDescriptor dataset;
        try {
            dataset = CliContext.json().treeToValue(descriptor, DatasetDescriptor.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new CliException(ExitCodes.INPUT, "incomplete or malformed descriptor: " + e.getMessage(), e);
        }
        final List<SubjectItems> offChain = new ArrayList<>();
        for (final SubjectItemSalt salt : items.offChainSalts()) {
            offChain.add(new SubjectItems(salt.subjectRef(), salt.itemSaltHex(), salt.paths().stream().map(this::pointer).toList()));
        }
        final IdempotencyKey key = idempotencyKey == null ? IdempotencyKey.none() : IdempotencyKey.of(idempotencyKey);
        final DatasetRecord record = client.datasets().register(new DatasetRegistration(dataset, storageUri, offChain), key);

        if (gateway.json) {
            final Map<String, Object> out = new LinkedHashMap<>();
            out.put("dataset", record);
            out.put("hash", HashCommand.summary(hash));
            out.put("subjects", items.published().commitments().size());
            out.put("unmappedPaths", items.unmappedPaths());
            ctx.printJson(out);
        } else {
            ctx.println("registered " + record.datasetId() + " (" + record.status() + ") owner " + record.owner());
            ctx.println("root          " + hash.root());
            ctx.println("manifestHash  " + hash.manifestHash());
            ctx.println("files         " + hash.fileCount() + ", subjects " + items.published().commitments().size()
                    + ", items " + items.published().itemCount());
            ctx.println("transaction   " + record.registeredTxId());
            if (!items.unmappedPaths().isEmpty()) {
                ctx.note(items.unmappedPaths().size() + " files belong to no subject: " + items.unmappedPaths());
            }
        }
        return ExitCodes.OK;
    }

    private String pointer(final String path) {
        if ("relative".equals(pointers)) {
            return path;
        }
        final StringBuilder uri = new StringBuilder(storageUri.endsWith("/") ? storageUri : storageUri + "/");
        final String[] segments = path.split("/");
        for (int i = 0; i < segments.length; i++) {
            uri.append(i == 0 ? "" : "/").append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return uri.toString();
    }

    private ObjectNode descriptorBase() {
        final ObjectMapper json = CliContext.json();
        final ObjectNode node;
        if (descriptorFile != null) {
            try {
                final JsonNode read = json.readTree(descriptorFile.toFile());
                if (read == null || !read.isObject()) {
                    throw new CliException(ExitCodes.INPUT, descriptorFile + " must hold a JSON object");
                }
                node = (ObjectNode) read;
            } catch (IOException e) {
                throw new CliException(ExitCodes.INPUT, "cannot read descriptor " + descriptorFile + ": " + e.getMessage(), e);
            }
        } else {
            node = json.createObjectNode();
        }
        put(node, "datasetId", datasetId);
        put(node, "version", version);
        if (!node.has("version")) {
            node.put("version", "1");
        }
        put(node, "format", format);
        put(node, "modality", modality);
        put(node, "license", license);
        put(node, "deidentificationProfile", deidProfile);
        put(node, "intendedTask", intendedTask);
        if (!tags.isEmpty()) {
            node.set("contextTags", json.valueToTree(tags));
        }
        if (use != null) {
            final ObjectNode restrictions = json.createObjectNode();
            restrictions.set("permission", json.valueToTree(AccessCommand.duo(use)));
            restrictions.set("modifiers", json.valueToTree(modifiers.stream().map(m -> Map.of("code", m)).toList()));
            node.set("useRestrictions", restrictions);
        } else if (!modifiers.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "--modifier needs --use");
        }
        final List<String> missing = new ArrayList<>();
        for (final String field : List.of("datasetId", "format", "license", "deidentificationProfile", "useRestrictions")) {
            if (!node.hasNonNull(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new CliException(ExitCodes.USAGE, "descriptor fields missing (give flags or --descriptor): " + String.join(", ", missing));
        }
        return node;
    }

    private static void put(final ObjectNode node, final String field, final String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
