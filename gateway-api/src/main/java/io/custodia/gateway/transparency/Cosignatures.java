package io.custodia.gateway.transparency;

import io.custodia.canonical.NoteKey;
import io.custodia.canonical.PrivateFiles;
import io.custodia.canonical.SignedNote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Witness cosignatures the gateway received, per tree size: {@code <size>.lines}, the verified
 * cosignature lines (written atomically). Only lines that verify under a trusted witness key
 * are kept, so anyone reading them still verifies each against the witness keys they trust.
 */
final class Cosignatures {
    private final Path dir;
    private final Map<Long, List<SignedNote.Line>> cache = new ConcurrentHashMap<>();

    private Cosignatures(final Path dir) {
        this.dir = dir;
    }

    static Cosignatures open(final Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return new Cosignatures(dir);
    }

    List<SignedNote.Line> of(final long size) {
        return cache.computeIfAbsent(size, this::read);
    }

    /** Keeps the lines of {@code cosigned} that verify under one of {@code witnesses}; returns how many are new. */
    synchronized int add(final long size, final SignedNote cosigned, final List<NoteKey> witnesses) {
        final List<SignedNote.Line> lines = new ArrayList<>(of(size));
        int added = 0;
        for (final NoteKey witness : witnesses) {
            final var line = cosigned.cosignatureOf(witness);
            if (line.isPresent() && lines.stream().noneMatch(l -> l.name().equals(witness.name()) && l.keyId() == line.get().keyId())) {
                lines.add(line.get());
                added++;
            }
        }
        if (added > 0) {
            final StringBuilder text = new StringBuilder();
            lines.forEach(text::append);
            try {
                PrivateFiles.write(dir.resolve(size + ".lines"), text.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot store cosignatures", e);
            }
            cache.put(size, List.copyOf(lines));
        }
        return added;
    }

    private List<SignedNote.Line> read(final long size) {
        final Path file = dir.resolve(size + ".lines");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            // The stored lines are parsed as the signature block of a throw-away note.
            return SignedNote.parse("x\n\n" + Files.readString(file, StandardCharsets.UTF_8)).signatures();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cosignatures", e);
        }
    }
}
