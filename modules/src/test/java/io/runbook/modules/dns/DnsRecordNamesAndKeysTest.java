package io.runbook.modules.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runbook.engine.error.UserError;
import io.runbook.engine.module.DirectRun;
import io.runbook.engine.module.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Names, key files, arguments and the update message: no servers needed. */
class DnsRecordNamesAndKeysTest {
    private static final Name ZONE = Name.fromConstantString("example.com.");
    private static final String SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";

    @TempDir
    Path dir;

    @Test
    void recordNamesAreRelativeAbsoluteOrTheApex() throws Exception {
        assertEquals("mp.example.com.", RecordRequest.name("mp", ZONE).toString());
        assertEquals("mp.example.com.", RecordRequest.name("mp.example.com.", ZONE).toString());
        assertEquals("mp.example.com.", RecordRequest.name("mp.example.com", ZONE).toString(), "no example.com.example.com.");
        assertEquals("example.com.", RecordRequest.name("@", ZONE).toString());
        DnsFailure outside = assertThrows(DnsFailure.class, () -> RecordRequest.name("mp.other.org.", ZONE));
        assertTrue(outside.getMessage().contains("outside zone example.com."), outside.getMessage());
    }

    @Test
    void serverAddressesTakeAnOptionalPort() throws Exception {
        assertEquals("127.0.0.2:5300", ServerAddress.parse("127.0.0.2:5300", 53).hostPort());
        assertEquals("127.0.0.2:53", ServerAddress.parse("127.0.0.2", 53).hostPort());
        assertEquals("[0:0:0:0:0:0:0:1]:5300", ServerAddress.parse("[::1]:5300", 53).hostPort());
        assertEquals("[0:0:0:0:0:0:0:1]:53", ServerAddress.parse("::1", 53).describe());
        assertThrows(DnsFailure.class, () -> ServerAddress.parse("127.0.0.2:99999", 53));
    }

    @Test
    void keyFileAsTsigKeygenWritesItIsParsed() throws Exception {
        String text = "# made by tsig-keygen\nkey \"runbook-update-key\" {\n\talgorithm hmac-sha512;\n\tsecret \"" + SECRET + "\";\n};\n"
                + "/* another */ key other { algorithm hmac-sha1; secret \"AAAA\"; };";
        List<BindKeyFile.Clause> keys = BindKeyFile.parse(text);
        assertEquals(2, keys.size());
        assertEquals(new BindKeyFile.Clause("runbook-update-key", "hmac-sha512", SECRET), keys.get(0));
        assertEquals("other", keys.get(1).name());
        assertFalse(keys.get(0).toString().contains(SECRET));
    }

    @Test
    void keyFileWithSeveralKeysNeedsKeyName() throws Exception {
        Path file = dir.resolve("keys.conf");
        Files.writeString(file, "key a { algorithm hmac-sha256; secret \"" + SECRET + "\"; };\nkey b { algorithm hmac-sha256; secret \"" + SECRET + "\"; };\n");
        Result r = run(Map.of("zone", "example.com", "record", "mp", "value", "192.0.2.1", "key_file", file.toString()));
        assertTrue(r.isFailed());
        assertTrue(r.msg().contains("has several keys [a, b]: choose one with key_name"), r.msg());
        assertFalse(r.msg().contains(SECRET));
    }

    @Test
    void missingKeyFileSaysSo() throws Exception {
        Result r = run(Map.of("zone", "example.com", "record", "mp", "value", "192.0.2.1", "key_file", dir.resolve("none.key").toString()));
        assertEquals("key_file " + dir.resolve("none.key") + " does not exist", r.msg());
        assertTrue(r.isFailed());
    }

    @Test
    void secretWithoutKeyNameIsRejectedWithoutShowingIt() throws Exception {
        Result r = run(Map.of("zone", "example.com", "record", "mp", "value", "192.0.2.1", "key_secret", SECRET));
        assertTrue(r.isFailed() && r.msg().contains("key_name is missing"), r.msg());
        assertFalse(r.toString().contains(SECRET));
    }

    @Test
    void unsupportedTypeAndMisspelledStateAreArgumentErrors() {
        Map<String, Object> args = new LinkedHashMap<>(Map.of("zone", "example.com", "record", "mp", "value", "x"));
        args.put("type", "NS");
        UserError type = assertThrows(UserError.class, () -> run(args));
        assertTrue(type.getMessage().contains("must be one of A, AAAA, CNAME, TXT, MX, SRV, PTR"), type.getMessage());
        args.put("type", "A");
        args.put("state", "presnt");
        UserError state = assertThrows(UserError.class, () -> run(args));
        assertTrue(state.format().contains("did you mean 'present'"), state.format());
        args.remove("state");
        args.put("key_file", "/x");
        args.put("key_secret", SECRET);
        UserError both = assertThrows(UserError.class, () -> run(args));
        assertTrue(both.getMessage().contains("mutually exclusive"), both.getMessage());
        assertFalse(both.format().contains(SECRET));
    }

    @Test
    void presentWithoutValueIsAnError() throws Exception {
        Result r = run(Map.of("zone", "example.com", "record", "mp", "server", "127.0.0.1"));
        assertTrue(r.isFailed() && r.msg().contains("needs at least one value"), r.msg());
    }

    @Test
    void updateCarriesValuePrerequisitesWithTtlZeroThenDeleteAndAddEveryValue() throws Exception {
        Name name = Name.fromConstantString("mp.example.com.");
        RecordSet read = RecordValues.parse(name, Type.A, 300, List.of("192.0.2.1", "192.0.2.2"));
        RecordSet wanted = RecordValues.parse(name, Type.A, 30, List.of("192.0.2.3", "192.0.2.4"));
        Message u = CompareAndSetUpdate.build(ZONE, name, Type.A, read, wanted);
        List<Record> prereq = u.getSection(Section.PREREQ);
        assertEquals(2, prereq.size());
        assertTrue(prereq.stream().allMatch(r -> r.getTTL() == 0));
        List<Record> changes = u.getSection(Section.UPDATE);
        assertEquals(3, changes.size(), "one RRset delete and two adds: " + changes);
        assertEquals(DClass.ANY, changes.get(0).getDClass(), "deleting the RRset uses class ANY");
        Message create = CompareAndSetUpdate.build(ZONE, name, Type.A, RecordSet.NONE, wanted);
        assertEquals(1, create.getSection(Section.PREREQ).size(), "RRset must not exist yet");
    }

    private static Result run(Map<String, Object> args) throws Exception {
        try (DirectRun r = DirectRun.of(new DnsRecord())) {
            return r.run(args);
        }
    }
}
