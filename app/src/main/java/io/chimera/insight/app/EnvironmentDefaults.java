package io.chimera.insight.app;

import java.lang.reflect.Field;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * Options take their defaults from the settings constants that own them, as the initial values of
 * their fields, which {@code --help} shows as {@code ${DEFAULT-VALUE}}. An option that an
 * environment variable may also set ({@code defaultValue = "${env:NAME}"}) would show "null" while
 * the variable is unset; this provider gives such an option its field's initial value instead, so
 * help shows the real default and no default is written a second time in an annotation.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    private static final Pattern ENVIRONMENT_ONLY = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg.userObject() instanceof Field field) || !field.isAnnotationPresent(Option.class)
                || arg.initialValue() == null) {
            return null;
        }
        Matcher variable = ENVIRONMENT_ONLY.matcher(field.getAnnotation(Option.class).defaultValue());
        if (!variable.matches() || System.getenv(variable.group(1)) != null) {
            return null; // picocli's own default applies: none, or the variable's value
        }
        return String.valueOf(arg.initialValue());
    }
}
