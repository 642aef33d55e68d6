package io.runbook.engine.vars;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Mustache for configuration files, not HTML: values are written as they are, and there are no partials. */
final class UnescapedMustacheFactory extends DefaultMustacheFactory {

    UnescapedMustacheFactory(Jinja jinja) {
        setObjectHandler(new ExpressionObjectHandler(jinja));
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Mustache compilePartial(String name) {
        throw new ExpressionFailure("partials ('{{> " + name + "}}') are not supported in templates");
    }
}
