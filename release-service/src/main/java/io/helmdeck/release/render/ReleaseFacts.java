package io.helmdeck.release.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code .Release.Revision}, {@code .Release.IsUpgrade} and {@code .Release.IsInstall} into template actions
 * as literals. helm-java's template() always renders revision 1 as an install and has no option to change it, yet
 * charts name migration Jobs after the revision or branch on IsUpgrade; rendering those wrong would make an upgrade
 * patch an immutable Job instead of creating a new one.
 */
final class ReleaseFacts {

    /** One template action; the facts are replaced only inside actions, never in literal text. */
    private static final Pattern ACTION = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);
    /** The whole field chain ({@code $.Release.X}, {@code $root.Release.X}, {@code .context.Release.X}) is replaced. */
    private static final Pattern FACT = Pattern.compile(
            "(?:\\$[A-Za-z0-9_]*)?(?:\\.[A-Za-z_][A-Za-z0-9_]*)*\\.Release\\.(Revision|IsUpgrade|IsInstall)\\b");

    private final int revision;
    private final boolean upgrade;

    ReleaseFacts(int revision, boolean upgrade) {
        this.revision = revision;
        this.upgrade = upgrade;
    }

    /** Whether rendering needs the rewrite at all: Helm's own defaults are revision 1, install. */
    boolean needed() {
        return revision != 1 || upgrade;
    }

    String apply(String template) {
        if (!template.contains(".Release.")) {
            return template;
        }
        Matcher action = ACTION.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (action.find()) {
            Matcher fact = FACT.matcher(action.group());
            StringBuilder replaced = new StringBuilder();
            while (fact.find()) {
                fact.appendReplacement(replaced, literal(fact.group(1)));
            }
            fact.appendTail(replaced);
            action.appendReplacement(out, Matcher.quoteReplacement(replaced.toString()));
        }
        action.appendTail(out);
        return out.toString();
    }

    private String literal(String fact) {
        return switch (fact) {
            case "Revision" -> Integer.toString(revision);
            case "IsUpgrade" -> Boolean.toString(upgrade);
            default -> Boolean.toString(!upgrade);
        };
    }
}
