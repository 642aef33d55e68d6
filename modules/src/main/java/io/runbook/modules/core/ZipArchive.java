package io.runbook.modules.core;

import io.runbook.engine.module.ModuleException;
import io.runbook.modules.connection.Execution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zip archives through the host's {@code unzip}, as Ansible's ZipArchive (with {@code zipinfo}) and ZipZArchive
 * (with {@code unzip -Z} where there is no zipinfo): the members and their CRC-32s from unzip's listings, whether
 * dest holds them from zipinfo's listing compared with the files there ({@link ZipComparison}), the extraction with
 * {@code unzip -o}.
 */
final class ZipArchive implements ArchiveHandler {
    private final ArchiveRun run;
    private final boolean unzipZ;
    private String unzip;
    private String zipinfo;
    private List<String> files;
    private Map<String, Long> crcs;

    ZipArchive(ArchiveRun run, boolean unzipZ) {
        this.run = run;
        this.unzipZ = unzipZ;
    }

    @Override
    public String name() {
        return unzipZ ? "ZipZArchive" : "ZipArchive";
    }

    @Override
    public String refusal() throws ModuleException, InterruptedException {
        unzip = run.bin("unzip");
        zipinfo = unzipZ ? unzip : run.bin("zipinfo");
        List<String> missing = new ArrayList<>();
        if (unzip == null) {
            missing.add("unzip");
        }
        if (zipinfo == null) {
            missing.add(unzipZ ? "unzip" : "zipinfo");
        }
        if (!missing.isEmpty()) {
            return "Unable to find required '" + String.join("' or '", missing) + "' binary in the path.";
        }
        Execution listed = run.run(List.of(unzip, "-l", run.src), null, false);
        if (listed.rc() != 0) {
            return "Command \"" + unzip + "\" could not handle archive: " + listed.stderr();
        }
        if (!unzipZ) {
            return null;
        }
        Execution z = run.run(List.of(zipinfo, "-Z"), null, false);
        return z.stdout().toLowerCase(java.util.Locale.ROOT).contains("zipinfo") ? null
                : "Command \"unzip -Z\" could not handle archive: " + z.stderr();
    }

    @Override
    public List<String> files() throws ModuleException, InterruptedException {
        if (files == null || files.isEmpty()) {
            Execution names = run.run(List.of(unzip, "-Z1", run.src), null, false);
            if (names.rc() != 0) {
                throw new Unreadable("Unable to list files in the archive: " + names.stderr().strip());
            }
            files = ArchiveRun.filtered(names.stdout().lines().toList(), run.excludes, run.includes);
        }
        return files;
    }

    /** The CRC-32 of each member, from {@code unzip -v}'s table. */
    Map<String, Long> crcs() throws ModuleException, InterruptedException {
        if (crcs == null) {
            Execution listed = run.run(List.of(unzip, "-v", run.src), null, false);
            if (listed.rc() != 0) {
                throw new Unreadable("Unable to list files in the archive");
            }
            crcs = new LinkedHashMap<>();
            for (String line : listed.stdout().lines().toList()) {
                String[] f = line.trim().split("\\s+", 8);
                if (f.length == 8 && f[6].matches("[0-9a-f]{8}") && f[0].matches("\\d+")) {
                    crcs.put(f[7], Long.parseLong(f[6], 16));
                }
            }
        }
        return crcs;
    }

    @Override
    public Check check() throws ModuleException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(zipinfo));
        if (unzipZ) {
            cmd.add("-Z");
        }
        cmd.addAll(List.of("-T", "-s", run.src));
        if (!run.excludes.isEmpty()) {
            cmd.add("-x");
            cmd.addAll(run.excludes);
        }
        cmd.addAll(run.includes);
        Execution listed = run.run(cmd, null, false);
        return new ZipComparison(run, this).compare(listed.rc() == 0, listed.stdout());
    }

    @Override
    public Map<String, Object> extract() throws ModuleException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(unzip, "-o"));
        cmd.addAll(run.opts);
        cmd.add(run.src);
        if (!run.excludes.isEmpty()) {
            cmd.add("-x");
            cmd.addAll(run.excludes);
        }
        cmd.addAll(run.includes);
        cmd.addAll(List.of("-d", run.dest));
        return ArchiveRun.reported(cmd, run.run(cmd, null, false));
    }
}
