package io.runbook.modules.core;

import io.runbook.engine.module.Arg;
import io.runbook.engine.module.ArgSpec;
import io.runbook.engine.module.Args;
import io.runbook.engine.module.Module;
import io.runbook.engine.module.ModuleContext;
import io.runbook.engine.module.ModuleException;
import io.runbook.engine.module.Result;
import io.runbook.modules.connection.FileInfo;
import io.runbook.modules.connection.HostConnection;
import io.runbook.modules.connection.HostConnections;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code get_url}: downloads a file over HTTP(S) to {@code dest} on the host, as Ansible's {@code get_url}.
 * The request leaves from the host's side (over SSH through a forward of that connection), TLS is checked on
 * the controller against the URL's name and the JDK's CAs or {@code ca_path} (CA pinning), and the file is
 * written only when it differs. An existing dest is not downloaded again unless {@code force} or a
 * {@code checksum} that it does not match.
 */
public final class GetUrlModule implements Module {
    static {
        HostHeader.allow();
    }

    private static final ArgSpec SPEC = ArgSpec.builder()
            .arg(Arg.str("url").required().description("http:// or https:// URL"))
            .arg(Arg.str("dest").required().description("the file on the host (a folder gets the URL's file name)"))
            .arg(Arg.str("checksum").description("ALGORITHM:HEX (sha256:…, sha1:…, md5:…): the download must match; an existing dest that matches is kept"))
            .arg(Arg.bool("force").defaultValue(false).description("download even when dest exists"))
            .arg(Arg.raw("mode").description("'0644' or 0644 (a number is the mode, as in Ansible) "
                    + "or symbolic; unset keeps an existing file's mode (new files: 0644)"))
            .arg(Arg.bool("backup").defaultValue(false).description("keep the previous file as DEST.PID.<time>~ when it changes"))
            .arg(Arg.dict("headers").description("request headers"))
            .arg(Arg.duration("timeout").defaultValue(10).description("connect and response timeout"))
            .arg(Arg.str("url_username").aliases("username").description("basic authentication user"))
            .arg(Arg.str("url_password").aliases("password").secret().description("basic authentication password; never printed"))
            .arg(Arg.bool("force_basic_auth").defaultValue(true).description("accepted for compatibility: credentials are always sent up front"))
            .arg(Arg.bool("validate_certs").defaultValue(true).description("false: no certificate or name check (like curl -k)"))
            .arg(Arg.str("ca_path").description("PEM file of the CAs to trust instead of the JDK's (on the controller; relative: to the playbook's folder, where Ansible's local connection runs the module)"))
            .arg(UnsafeWrites.ARG)
            .build();

    @Override
    public String name() {
        return "get_url";
    }

    @Override
    public ArgSpec spec() {
        return SPEC;
    }

    @Override
    public String description() {
        return "Download a file over HTTP(S) to the host (from the host's side; TLS checked, CA pinning with ca_path)";
    }

    @Override
    public Result run(ModuleContext ctx) throws ModuleException, InterruptedException {
        Args args = ctx.args();
        URI url = Download.url(args.string("url"));
        HostConnection host = HostConnections.of(ctx);
        Checksum wanted = Checksum.parse(args.string("checksum"));
        String dest = host.resolve(args.string("dest"), ctx.workDir());
        if (host.stat(dest, true).isDirectory()) {
            dest = dest.replaceAll("/+$", "") + "/" + Download.fileName(url);
        }
        FileInfo current = host.stat(dest, true);
        if (current.exists() && !args.bool("force")) {
            if (wanted == null) {
                return Result.ok().withMsg("file already exists").with("dest", dest).with("url", url.toString());
            }
            if (wanted.matches(host, dest)) {
                return Result.ok().withMsg("file already exists").with("dest", dest).with("url", url.toString())
                        .with("checksum_dest", wanted.hex());
            }
        }
        Path tmp = tempFile();
        try {
            long start = System.nanoTime();
            Download.Fetched fetched = new Download(args, host, ctx).fetch(url, tmp);
            double elapsed = Math.round((System.nanoTime() - start) / 1_000_000.0) / 1000.0;
            FileContent content = FileContent.of(tmp);
            if (wanted != null) {
                wanted.verify(tmp, url);
            }
            FileWrite write = FileWrite.plan(ctx, host, dest, content, FileMode.spec(args, "mode"));
            Result placed = FilePlacement.place(ctx, host, write, dest, content, args.bool("backup"));
            return placed.withMsg("OK (" + content.size() + " bytes)").with("url", url.toString())
                    .with("status_code", fetched.status()).with("elapsed", elapsed)
                    .with("checksum_src", content.sha1()).with("checksum_dest", current.exists() ? write.currentSha1() : null);
        } catch (IOException e) {
            throw new ModuleException("cannot read the download of " + url + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    private static Path tempFile() throws ModuleException {
        try {
            return Files.createTempFile("runbook-get_url", ".part");
        } catch (IOException e) {
            throw new ModuleException("cannot make a temporary file on the controller: " + e.getMessage(), e);
        }
    }

    /** The time limit of one request (10 s, Ansible's fetch_file default, for a module without a timeout argument). */
    static Duration timeout(Args args) {
        Duration given = args.duration("timeout");
        return given == null ? Duration.ofSeconds(10) : given;
    }

    /** A body handler writing to {@code file}. */
    static HttpResponse.BodyHandler<Path> toFile(Path file) {
        return HttpResponse.BodyHandlers.ofFile(file);
    }
}
