package io.runbook.engine.vars;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's math filters: log, pow, root, human_readable, human_to_bytes, random, shuffle. */
final class MathFilters {
    /** Ansible's SIZE_RANGES: each unit's size in bytes, largest first. */
    private static final String ORDER = "YZEPTGMKB";
    private static final Pattern HUMAN = Pattern.compile("^\\s*(\\d*\\.?\\d*)\\s*([A-Za-z]+)?");

    /** Made when first needed: a SecureRandom sets up the JDK's security providers, which a check never needs. */
    private static final class Secure {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** What Ansible's filters say before Python's TypeError ({@code must be real number, not str}). */
    private static final String NUMBERS_ONLY_LOG = "log() can only be used on numbers";
    private static final String NUMBERS_ONLY_POW = "pow() can only be used on numbers";
    private static final String NUMBERS_ONLY_ROOT = "root() can only be used on numbers";

    private MathFilters() {
    }

    static void register(CollectionFilters.Registry r) {
        r.add("log", 1, List.of("base"), MathFilters::log);
        r.add("pow", 1, List.of("y"),
                (v, a) -> Math.pow(Numbers.real(v, NUMBERS_ONLY_POW), Numbers.real(a.get(0, "y", null), NUMBERS_ONLY_POW)));
        r.add("root", 1, List.of("base"), MathFilters::root);
        r.add("human_readable", 2, List.of("isbits", "unit"), MathFilters::humanReadable);
        r.add("human_to_bytes", 2, List.of("default_unit", "isbits"), MathFilters::humanToBytes);
        r.add("random", 3, List.of("start", "step", "seed"), MathFilters::random);
        r.add("shuffle", 1, List.of("seed"), MathFilters::shuffle);
    }

    private static Object log(Object value, Arguments a) {
        double x = Numbers.real(value, NUMBERS_ONLY_LOG);
        if (!a.has(0, "base")) {
            return Math.log(x);
        }
        double base = Numbers.real(a.get(0, "base", null), NUMBERS_ONLY_LOG);
        return base == 10 ? Math.log10(x) : Math.log(x) / Math.log(base);
    }

    private static Object root(Object value, Arguments a) {
        double x = Numbers.real(value, NUMBERS_ONLY_ROOT);
        double base = Numbers.real(a.get(0, "base", 2), NUMBERS_ONLY_ROOT);
        if (base == 2) {
            if (x < 0) {
                throw new ExpressionFailure("root() can only be used on numbers: math domain error");
            }
            return Math.sqrt(x);
        }
        return Math.pow(x, 1.0 / base);
    }

    private static double limit(char unit) {
        return Math.pow(2, 10 * (ORDER.length() - 1 - ORDER.indexOf(unit)));
    }

    /** Ansible's human_readable(isbits=False, unit=None): '1.00 MB', '0.95 Mb'. */
    private static Object humanReadable(Object value, Arguments a) {
        double size = Numbers.real(value, "human_readable() failed on bad input");
        boolean bits = PyValues.truthy(a.get(0, "isbits", false));
        Object unit = a.get(1, "unit", null);
        String suffix = "B";
        double limit = 1;
        for (char s : ORDER.toCharArray()) {
            suffix = String.valueOf(s);
            limit = limit(s);
            if ((unit == null && size >= limit) || unit != null && ValueText.of(unit).toUpperCase(Locale.ROOT).startsWith(suffix)) {
                break;
            }
        }
        String base = bits ? "bits" : "Bytes";
        String shown = limit != 1 ? suffix + base.charAt(0) : base;
        return String.format(Locale.ROOT, "%.2f %s", size / limit, shown);
    }

    /** Ansible's human_to_bytes(default_unit=None, isbits=False): '2K' is 2048, '1.5G' 1610612736. */
    private static Object humanToBytes(Object value, Arguments a) {
        String text = ValueText.of(value);
        Matcher m = HUMAN.matcher(text);
        double number;
        try {
            m.lookingAt();
            number = Double.parseDouble(m.group(1));
        } catch (RuntimeException e) {
            throw new ExpressionFailure("human_to_bytes() can't interpret following string: " + text);
        }
        Object defaultUnit = a.get(0, "default_unit", null);
        String unit = m.group(2) != null ? m.group(2) : defaultUnit == null ? null : ValueText.of(defaultUnit);
        if (unit == null) {
            return PyNumbers.integer(Math.round(number));
        }
        String range = unit.substring(0, 1).toUpperCase(Locale.ROOT);
        if (ORDER.indexOf(range.charAt(0)) < 0) {
            throw new ExpressionFailure("human_to_bytes() can't interpret following string: " + text);
        }
        boolean bits = PyValues.truthy(a.get(1, "isbits", false));
        String unitClass = bits ? "b" : "B";
        String unitName = bits ? "bit" : "byte";
        if (unit.length() > 1 && !unit.toLowerCase(Locale.ROOT).contains(unitName) && unit.charAt(1) != unitClass.charAt(0)) {
            throw new ExpressionFailure("human_to_bytes() can't interpret following string: " + text);
        }
        double bytes = number * limit(range.charAt(0));
        return PyNumbers.integer(new java.math.BigDecimal(bytes).setScale(0, java.math.RoundingMode.HALF_EVEN).toBigInteger());
    }

    /** Ansible's random(start=None, step=None, seed=None): an int below value, or an item of a list. */
    private static Object random(Object value, Arguments a) {
        Object seed = a.get(2, "seed", null);
        Object start = a.get(0, "start", null);
        Object step = a.get(1, "step", null);
        if (seed != null) {
            return seeded(new PyRandom(seed), value, start, step);
        }
        Random r = Secure.RANDOM;
        if (PyNumbers.isInt(value) && !(value instanceof Boolean)) {
            long from = PyValues.truthy(start) ? Numbers.whole(start, "random") : 0;
            long by = PyValues.truthy(step) ? Numbers.whole(step, "random") : 1;
            long end = PyNumbers.big(value).longValue();
            long count = by > 0 ? (end - from + by - 1) / by : (from - end - by - 1) / -by;
            if (count <= 0) {
                throw new ExpressionFailure("empty range for randrange()");
            }
            return PyNumbers.integer(from + by * (long) (r.nextDouble() * count));
        }
        if (!(value instanceof CharSequence || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>)) {
            throw new ExpressionFailure("random can only be used on sequences and integers");  // Ansible's words
        }
        if (PyValues.truthy(start) || PyValues.truthy(step)) {
            throw new ExpressionFailure("start and step can only be used with integer values");
        }
        List<Object> items = Renderer.iterate(value);
        if (items.isEmpty()) {
            throw new ExpressionFailure("Cannot choose from an empty sequence");
        }
        return items.get(r.nextInt(items.size()));
    }

    /** random with a seed: Python's Random(seed), so the value is the one ansible-playbook gives. */
    private static Object seeded(PyRandom r, Object value, Object start, Object step) {
        if (PyNumbers.isInt(value) && !(value instanceof Boolean)) {
            java.math.BigInteger from = PyValues.truthy(start) ? java.math.BigInteger.valueOf(Numbers.whole(start, "random"))
                    : java.math.BigInteger.ZERO;
            java.math.BigInteger by = PyValues.truthy(step) ? java.math.BigInteger.valueOf(Numbers.whole(step, "random"))
                    : java.math.BigInteger.ONE;
            return PyNumbers.integer(r.randrange(from, PyNumbers.big(value), by));
        }
        if (!(value instanceof CharSequence || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>)) {
            throw new ExpressionFailure("random can only be used on sequences and integers");  // Ansible's words
        }
        if (PyValues.truthy(start) || PyValues.truthy(step)) {
            throw new ExpressionFailure("start and step can only be used with integer values");
        }
        return Secrets.derive(r.choice(Renderer.iterate(value)), value);
    }

    private static Object shuffle(Object value, Arguments a) {
        if (!(value instanceof CharSequence || value instanceof java.util.Collection<?> || value instanceof java.util.Map<?, ?>)) {
            return value;  // as Ansible's randomize_list: what is not a sequence is given back as it is
        }
        List<Object> items = new ArrayList<>(Renderer.iterate(value));
        Object seed = a.get(0, "seed", null);
        if (PyValues.truthy(seed)) {
            new PyRandom(seed).shuffle(items);  // as Python's Random(seed).shuffle: the order ansible-playbook gives
        } else {
            Collections.shuffle(items, Secure.RANDOM);
        }
        return items;
    }
}
