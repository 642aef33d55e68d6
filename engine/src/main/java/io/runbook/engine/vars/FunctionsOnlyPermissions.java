package io.runbook.engine.vars;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * Stricter than JEXL's RESTRICTED: the only Java JEXL may touch is the public methods of
 * {@link ExpressionFunctions}. No fields, no constructors, no {@code getClass()}, no other class at all.
 */
final class FunctionsOnlyPermissions implements JexlPermissions {

    @Override
    public boolean allow(Package pack) {
        return pack == ExpressionFunctions.class.getPackage();
    }

    @Override
    public boolean allow(Class<?> type) {
        return type == ExpressionFunctions.class;
    }

    @Override
    public boolean allow(Constructor<?> constructor) {
        return false;
    }

    @Override
    public boolean allow(Field field) {
        return false;
    }

    @Override
    public boolean allow(Method method) {
        return method.getDeclaringClass() == ExpressionFunctions.class;
    }

    @Override
    public JexlPermissions compose(String... src) {
        return this;
    }
}
