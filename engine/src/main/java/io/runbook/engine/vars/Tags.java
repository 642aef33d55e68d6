package io.runbook.engine.vars;

import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.TextNode;
import com.hubspot.jinjava.tree.parse.TextToken;
import io.runbook.engine.vars.ExprLexer.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles one tag of Jinjava's tree (its text after the name, and its body) into a {@link TNode}. */
final class Tags {
    static final Set<String> SUPPORTED = Set.of("if", "for", "set", "with", "filter", "macro", "call", "raw",
            "include", "import", "from");

    private final Template template;

    Tags(Template template) {
        this.template = template;
    }

    TNode compile(TagNode tag, int line) {
        String name = tag.getName();
        String helpers = tag.getHelpers().replace(Template.CLOSE_BRACE, '}').strip();
        return switch (name) {
            case "if" -> ifTag(tag, helpers, line);
            case "for" -> forTag(tag, helpers, line);
            case "set" -> setTag(tag, helpers, line);
            case "with" -> withTag(tag, helpers, line);
            case "filter" -> new TNode.FilterBlock(filterChain(helpers), body(tag.getChildren()), line);
            case "macro" -> macro(tag, helpers, line);
            case "call" -> callBlock(tag, helpers, line);
            case "raw" -> new TNode.Text(raw(tag), line);
            case "include" -> include(helpers, line);
            case "import" -> importTag(helpers, line);
            case "from" -> fromImport(helpers, line);
            case "else", "elif" -> throw new ExpressionFailure("'{% " + name + " %}' outside of '{% if %}' or '{% for %}'");
            default -> throw new ExpressionFailure("unknown tag '" + name + "'", Spelling.didYouMean(name, SUPPORTED));
        };
    }

    private List<TNode> body(List<Node> children) {
        return template.nodes(children);
    }

    private TNode ifTag(TagNode tag, String helpers, int line) {
        List<Ast> tests = new ArrayList<>();
        List<List<TNode>> bodies = new ArrayList<>();
        List<TNode> orElse = null;
        tests.add(required(helpers, "if"));
        List<Node> current = new ArrayList<>();
        for (Node child : tag.getChildren()) {
            if (child instanceof TagNode t && (t.getName().equals("elif") || t.getName().equals("else"))) {
                if (orElse != null) {
                    throw new ExpressionFailure("'{% " + t.getName() + " %}' after '{% else %}'").withLine(t.getLineNumber());
                }
                List<TNode> compiled = body(current);
                current = new ArrayList<>();
                if (t.getName().equals("elif")) {
                    bodies.add(compiled);
                    tests.add(required(t.getHelpers().replace(Template.CLOSE_BRACE, '}').strip(), "elif"));
                } else {
                    bodies.add(compiled);
                    orElse = List.of();
                }
            } else {
                current.add(child);
            }
        }
        if (orElse == null) {
            bodies.add(body(current));
            return new TNode.If(tests, bodies, List.of(), line);
        }
        return new TNode.If(tests, bodies, body(current), line);
    }

    private static Ast required(String source, String tag) {
        if (source.isBlank()) {
            throw new ExpressionFailure("'{% " + tag + " %}' needs a condition");
        }
        return Template.expression(source);
    }

    private TNode forTag(TagNode tag, String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        List<String> targets = new ArrayList<>();
        do {
            targets.add(p.name());
        } while (p.accept(","));
        if (!(p.peek().kind() == Kind.NAME && p.peek().is("in"))) {
            throw p.fail("expected 'in' in '{% for x in items %}'");
        }
        p.next();
        Ast iterable = p.tupleOrExpressionNoIf();
        Ast condition = null;
        if (p.peek().kind() == Kind.NAME && p.peek().is("if")) {
            p.next();
            condition = p.expressionNoIf();
        }
        boolean recursive = p.peek().kind() == Kind.NAME && p.peek().is("recursive");
        if (recursive) {
            p.next();
        }
        p.end();
        List<Node> body = new ArrayList<>();
        List<Node> orElse = null;
        for (Node child : tag.getChildren()) {
            if (child instanceof TagNode t && t.getName().equals("else") && orElse == null) {
                orElse = new ArrayList<>();
            } else if (orElse != null) {
                orElse.add(child);
            } else {
                body.add(child);
            }
        }
        return new TNode.For(targets, iterable, condition, recursive, body(body), orElse == null ? List.of() : body(orElse),
                line);
    }

    private TNode setTag(TagNode tag, String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        List<Ast> targets = new ArrayList<>();
        do {
            String name = p.name();
            if (p.peek().kind() == Kind.OP && p.peek().is(".")) {
                p.next();
                targets.add(new Ast.Attr(new Ast.Name(name, 0), p.name(), 0));
            } else {
                targets.add(new Ast.Name(name, 0));
            }
        } while (p.accept(","));
        if (p.accept("=")) {
            Ast value = p.tupleOrExpression();
            p.end();
            return new TNode.Set(targets, value, line);
        }
        if (targets.size() != 1 || !(targets.get(0) instanceof Ast.Name n)) {
            throw p.fail("a block '{% set %}' sets one name");
        }
        Ast filters = p.accept("|") ? chainAfterPipe(p) : null;
        p.end();
        return new TNode.SetBlock(n.name(), filters, body(tag.getChildren()), line);
    }

    private static Ast chainAfterPipe(ExprParser p) {
        Ast chain = p.filter(new Ast.Name("__body__", 0));
        while (p.accept("|")) {
            chain = p.filter(chain);
        }
        return chain;
    }

    static Ast filterChain(String helpers) {
        ExprParser p = new ExprParser(helpers);
        Ast chain = p.filter(new Ast.Name("__body__", 0));
        while (p.accept("|")) {
            chain = p.filter(chain);
        }
        p.end();
        return chain;
    }

    private TNode withTag(TagNode tag, String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        List<String> names = new ArrayList<>();
        List<Ast> values = new ArrayList<>();
        while (!p.atEnd()) {
            if (!names.isEmpty()) {
                p.expect(",");
            }
            names.add(p.name());
            p.expect("=");
            values.add(p.expression());
        }
        return new TNode.With(names, values, body(tag.getChildren()), line);
    }

    private TNode macro(TagNode tag, String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        String name = p.name();
        List<String> params = new ArrayList<>();
        List<Ast> defaults = new ArrayList<>();
        signature(p, params, defaults);
        p.end();
        return new TNode.MacroDef(name, params, defaults, body(tag.getChildren()), line);
    }

    private static void signature(ExprParser p, List<String> params, List<Ast> defaults) {
        p.expect("(");
        while (!p.accept(")")) {
            if (!params.isEmpty()) {
                p.expect(",");
                if (p.accept(")")) {
                    break;
                }
            }
            params.add(p.name());
            defaults.add(p.accept("=") ? p.expression() : null);
        }
    }

    private TNode callBlock(TagNode tag, String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        List<String> params = new ArrayList<>();
        List<Ast> defaults = new ArrayList<>();
        if (p.peek().kind() == Kind.OP && p.peek().is("(")) {
            signature(p, params, defaults);
        }
        Ast call = p.expression();
        p.end();
        if (!(call instanceof Ast.Call)) {
            throw new ExpressionFailure("'{% call %}' needs a macro call, e.g. {% call list_items(users) %}");
        }
        return new TNode.CallBlock(params, defaults, call, body(tag.getChildren()), line);
    }

    private static String raw(TagNode tag) {
        StringBuilder out = new StringBuilder();
        for (Node child : tag.getChildren()) {
            out.append(child instanceof TextNode t ? ((TextToken) t.getMaster()).output() : child.getMaster().getImage());
        }
        return Template.text(out.toString().replace(Template.CLOSE_BRACE, '}'));
    }

    private static TNode include(String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        Ast name = p.expression();
        boolean ignoreMissing = false;
        boolean withContext = true;
        while (!p.atEnd()) {
            String word = p.name();
            switch (word) {
                case "ignore" -> {
                    if (!p.name().equals("missing")) {
                        throw p.fail("expected 'ignore missing'");
                    }
                    ignoreMissing = true;
                }
                case "with", "without" -> {
                    if (!p.name().equals("context")) {
                        throw p.fail("expected '" + word + " context'");
                    }
                    withContext = word.equals("with");
                }
                default -> throw p.fail("unexpected '" + word + "'");
            }
        }
        return new TNode.Include(name, ignoreMissing, withContext, line);
    }

    private static TNode importTag(String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        Ast name = p.expression();
        if (!p.name().equals("as")) {
            throw p.fail("expected '{% import \"file\" as name %}'");
        }
        String alias = p.name();
        return new TNode.Import(name, alias, context(p), line);
    }

    private static TNode fromImport(String helpers, int line) {
        ExprParser p = new ExprParser(helpers);
        Ast name = p.expression();
        if (!p.name().equals("import")) {
            throw p.fail("expected '{% from \"file\" import name %}'");
        }
        List<String> names = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        do {
            if (p.peek().is("with") || p.peek().is("without")) {
                break;
            }
            String n = p.name();
            names.add(n);
            aliases.add(p.peek().is("as") && p.accept("as") ? p.name() : n);
        } while (p.accept(","));
        return new TNode.FromImport(name, names, aliases, context(p), line);
    }

    /** An import's {@code with context} (true) or {@code without context}, the default for imports as in Jinja. */
    private static boolean context(ExprParser p) {
        boolean with = false;
        if (!p.atEnd()) {
            String word = p.name();
            if (!(word.equals("with") || word.equals("without")) || !p.name().equals("context")) {
                throw p.fail("expected 'with context' or 'without context'");
            }
            with = word.equals("with");
        }
        p.end();
        return with;
    }

    /** Keyword arguments of a call, for callers that build one. */
    static Map<String, Ast> noKeywords() {
        return new LinkedHashMap<>();
    }
}
