package io.runbook.cli.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every relative link of README.md and docs/ reaches a file, and its #anchor a heading there (as GitHub names them). */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<Path> pages = new ArrayList<>(RepoFiles.find(RepoFiles.ROOT.resolve("docs"), ".md"));
        pages.add(RepoFiles.ROOT.resolve("README.md"));
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            String text = withoutCode(Files.readString(page));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("^[a-z]+:.*")) {
                    continue;   // http:, https:, mailto:
                }
                String[] parts = link.split("#", 2);
                Path target = parts[0].isEmpty() ? page : page.getParent().resolve(parts[0]).normalize();
                if (!Files.exists(target)) {
                    broken.add(RepoFiles.ROOT.relativize(page) + ": " + link + " (no such file)");
                } else if (parts.length == 2 && target.toString().endsWith(".md") && !anchors(target).contains(parts[1])) {
                    broken.add(RepoFiles.ROOT.relativize(page) + ": " + link + " (no such heading)");
                }
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }

    /** The anchors GitHub gives a page's headings. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        Matcher m = HEADING.matcher(withoutCode(Files.readString(page)));
        while (m.find()) {
            String base = m.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-');
            String anchor = base;
            for (int i = 1; !out.add(anchor); i++) {
                anchor = base + "-" + i;
            }
        }
        return out;
    }

    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)\n```.*?\n```", "\n");
    }
}
