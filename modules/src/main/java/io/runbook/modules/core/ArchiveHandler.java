package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import java.util.List;
import java.util.Map;

/**
 * How {@code unarchive} reads one kind of archive with the host's own tools, as Ansible's handler classes: whether
 * it can ({@link #refusal}), what the archive holds, whether {@code dest} holds it already, and the extraction.
 * Tried in Ansible's order ({@link #all}); the first that can handle the archive is used.
 */
sealed interface ArchiveHandler permits TarArchive, ZipArchive {
    /** Ansible's class name, registered as {@code handler}: ZipArchive, TgzArchive, TarArchive, … */
    String name();

    /** Null when this handler can read the archive, else why not (Ansible's words, listed when none can). */
    String refusal() throws ModuleException, InterruptedException;

    /** The members to extract, as Ansible's {@code files_in_archive} (the result's {@code files}). */
    List<String> files() throws ModuleException, InterruptedException;

    /** Whether dest holds the archive already, and zip's itemized {@code diff} ({@code prepared}; null for tar). */
    record Check(boolean unarchived, String diff) {
    }

    Check check() throws ModuleException, InterruptedException;

    /** Extracts; Ansible's {@code extract_results}: {@code cmd}, {@code rc}, {@code out}, {@code err}. */
    Map<String, Object> extract() throws ModuleException, InterruptedException;

    /** A handler's failure to read the archive (Ansible's UnarchiveError). */
    final class Unreadable extends ModuleException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** Ansible's handlers in the order pick_handler tries them. */
    static List<ArchiveHandler> all(ArchiveRun run) {
        return List.of(new ZipArchive(run, false), new ZipArchive(run, true),
                new TarArchive(run, "TgzArchive", "-z"), new TarArchive(run, "TarArchive", null),
                new TarArchive(run, "TarBzipArchive", "-j"), new TarArchive(run, "TarXzArchive", "-J"),
                new TarArchive(run, "TarZstdArchive", "--use-compress-program=zstd"));
    }
}
