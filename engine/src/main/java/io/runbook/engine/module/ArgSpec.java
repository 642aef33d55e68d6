package io.runbook.engine.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments a module takes and the rules between them. It drives validation (with the argument's
 * position in errors), the {@code modules} documentation and editor schemas.
 */
public final class ArgSpec {
    private final Map<String, Arg> args;
    private final List<List<String>> mutuallyExclusive;
    private final List<List<String>> requiredOneOf;
    private final boolean freeForm;
    private final String otherKeys;

    private ArgSpec(Builder b) {
        this.args = Map.copyOf(b.args);
        this.order = List.copyOf(b.args.keySet());
        this.mutuallyExclusive = List.copyOf(b.mutuallyExclusive);
        this.requiredOneOf = List.copyOf(b.requiredOneOf);
        this.freeForm = b.freeForm;
        this.otherKeys = b.otherKeys;
    }

    private final List<String> order;

    public static Builder builder() {
        return new Builder();
    }

    /** The arguments in declaration order. */
    public List<Arg> args() {
        List<Arg> out = new ArrayList<>();
        order.forEach(n -> out.add(args.get(n)));
        return out;
    }

    /** The argument with this name or alias. */
    public Optional<Arg> find(String nameOrAlias) {
        Arg direct = args.get(nameOrAlias);
        if (direct != null) {
            return Optional.of(direct);
        }
        return args.values().stream().filter(a -> a.aliases().contains(nameOrAlias)).findFirst();
    }

    /** Every accepted name, aliases included (for "did you mean"). */
    public List<String> acceptedNames() {
        List<String> names = new ArrayList<>(order);
        args.values().forEach(a -> names.addAll(a.aliases()));
        return names;
    }

    public List<List<String>> mutuallyExclusive() {
        return mutuallyExclusive;
    }

    public List<List<String>> requiredOneOf() {
        return requiredOneOf;
    }

    /**
     * Whether the module also takes its arguments as one free-form string, like {@code command: ls -l}: the
     * string is passed as the argument named {@code _raw_params}.
     */
    public boolean freeForm() {
        return freeForm;
    }

    /**
     * What keys the module takes besides its declared arguments (like {@code add_host}'s host variables), or null
     * when it takes none: such keys reach the module unchecked, as written and rendered, in {@link Args#others()}.
     */
    public String otherKeys() {
        return otherKeys;
    }

    /** Builds a spec. */
    public static final class Builder {
        private final Map<String, Arg> args = new LinkedHashMap<>();
        private final List<List<String>> mutuallyExclusive = new ArrayList<>();
        private final List<List<String>> requiredOneOf = new ArrayList<>();
        private boolean freeForm;
        private String otherKeys;

        public Builder arg(Arg arg) {
            args.put(arg.name(), arg);
            return this;
        }

        public Builder mutuallyExclusive(String... names) {
            mutuallyExclusive.add(List.of(names));
            return this;
        }

        public Builder requiredOneOf(String... names) {
            requiredOneOf.add(List.of(names));
            return this;
        }

        public Builder freeForm() {
            this.freeForm = true;
            return this;
        }

        /** Accepts keys besides the declared arguments; {@code description} says what they are. */
        public Builder otherKeys(String description) {
            this.otherKeys = description;
            return this;
        }

        public ArgSpec build() {
            return new ArgSpec(this);
        }
    }
}
