package io.runbook.engine.vars;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * URLs as Python's urllib sees them: urlsplit (Ansible's urlsplit filter and uri/url/urn tests), quote and unquote
 * (Jinja's urlencode, Ansible's urldecode).
 */
final class PyUrl {
    private static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

    private PyUrl() {
    }

    /** urlsplit's five parts: scheme, netloc, path, query, fragment. */
    static String[] split(String raw) {
        String url = raw.replaceFirst("^[\\x00-\\x20]+", "").replace("\t", "").replace("\r", "").replace("\n", "");
        String scheme = "";
        String netloc = "";
        String query = "";
        String fragment = "";
        int colon = url.indexOf(':');
        if (colon > 0 && url.charAt(0) < 128 && Character.isLetter(url.charAt(0))
                && url.substring(0, colon).chars().allMatch(c -> SCHEME_CHARS.indexOf(c) >= 0)) {
            scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
            url = url.substring(colon + 1);
        }
        if (url.startsWith("//")) {
            int end = url.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int at = url.indexOf(c, 2);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            netloc = url.substring(2, end);
            url = url.substring(end);
            if (netloc.contains("[") != netloc.contains("]")) {
                throw new ExpressionFailure("Invalid IPv6 URL");
            }
        }
        int hash = url.indexOf('#');
        if (hash >= 0) {
            fragment = url.substring(hash + 1);
            url = url.substring(0, hash);
        }
        int question = url.indexOf('?');
        if (question >= 0) {
            query = url.substring(question + 1);
            url = url.substring(0, question);
        }
        return new String[] {scheme, netloc, url, query, fragment};
    }

    /** Ansible's urlsplit: every part of the URL, or the one named by query. */
    static Object urlsplit(Object value, Object query) {
        String[] p = split(ValueText.of(value));
        String netloc = p[1];
        int at = netloc.lastIndexOf('@');
        String userinfo = at < 0 ? null : netloc.substring(0, at);
        String hostport = at < 0 ? netloc : netloc.substring(at + 1);
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("fragment", p[4]);
        parts.put("hostname", hostname(hostport));
        parts.put("netloc", netloc);
        parts.put("password", userinfo == null || !userinfo.contains(":") ? null : userinfo.substring(userinfo.indexOf(':') + 1));
        parts.put("path", p[2]);
        parts.put("port", port(hostport));
        parts.put("query", p[3]);
        parts.put("scheme", p[0]);
        parts.put("username", userinfo == null ? null : userinfo.contains(":") ? userinfo.substring(0, userinfo.indexOf(':')) : userinfo);
        String wanted = query == null ? "" : ValueText.of(query);
        if (wanted.isEmpty()) {
            return parts;
        }
        if (!parts.containsKey(wanted)) {
            throw new ExpressionFailure("urlsplit: unknown URL component: " + wanted);
        }
        return parts.get(wanted);
    }

    private static String hostname(String hostport) {
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            return hostport.substring(1, close < 0 ? hostport.length() : close).toLowerCase(Locale.ROOT);
        }
        int colon = hostport.indexOf(':');
        String host = colon < 0 ? hostport : hostport.substring(0, colon);
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    private static Object port(String hostport) {
        int close = hostport.indexOf(']');
        int colon = hostport.indexOf(':', Math.max(close, 0));
        if (colon < 0 || colon == hostport.length() - 1) {
            return null;
        }
        String digits = hostport.substring(colon + 1);
        if (!digits.matches("\\d+") || Long.parseLong(digits) > 65535) {
            throw new ExpressionFailure("Port could not be cast to integer value as '" + digits + "'");
        }
        return Integer.parseInt(digits);
    }

    /** Ansible's uri test: any text parses as a URI, unless schemes are given and its scheme is not one of them. */
    static boolean isUri(String value, Object schemes) {
        try {
            String scheme = split(value)[0];
            return schemes == null || Renderer.iterate(schemes).stream().anyMatch(s -> ValueText.of(s).equals(scheme));
        } catch (ExpressionFailure invalid) {
            return false;
        }
    }

    /** Ansible's url test: a URI with a host (or a file: URL). */
    static boolean isUrl(String value, Object schemes) {
        if (!isUri(value, schemes)) {
            return false;
        }
        String[] p = split(value);
        return !p[1].isEmpty() || p[0].equals("file");
    }

    /** Python's urllib.parse.quote(text, safe). */
    static String quote(String text, String safe) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (UNRESERVED.indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Python's urllib.parse.unquote_plus: '+' is a space, %XX bytes are decoded as UTF-8. */
    static String unquotePlus(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String s = text.replace('+', ' ');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Jinja's urlencode: text quoted (keeping '/'); a dict or list of pairs as a query string. */
    static String urlencode(Object value) {
        if (value instanceof CharSequence || !(value instanceof Iterable<?> || value instanceof Map<?, ?>)) {
            return quote(ValueText.of(value), "/");
        }
        List<String> pairs = new ArrayList<>();
        Iterable<?> items = value instanceof Map<?, ?> m ? m.entrySet() : (Iterable<?>) value;
        for (Object item : items) {
            Object k;
            Object v;
            if (item instanceof Map.Entry<?, ?> e) {
                k = e.getKey();
                v = e.getValue();
            } else {
                List<Object> kv = Renderer.iterate(item);
                k = kv.get(0);
                v = kv.get(1);
            }
            pairs.add(quote(ValueText.of(k), "").replace("%20", "+") + "=" + quote(ValueText.of(v), "").replace("%20", "+"));
        }
        return String.join("&", pairs);
    }
}
