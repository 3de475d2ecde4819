package dev.sipyard.media.prompt;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The espeak-ng voice ({@code -v}) for a cXML {@code voice} and {@code language}: a language
 * voice and a male ({@code +m3}) or female ({@code +f3}) variant.
 *
 * <p>Language: the document's {@code language}, else the one a {@code Polly.X} or
 * {@code Google.xx-XX-...} voice implies, else {@value #DEFAULT_LANGUAGE}. A BCP 47 tag is
 * lower-cased; regional variants espeak-ng has keep their region ({@code en-us}, {@code en-gb},
 * {@code fr-fr}, {@code fr-be}, {@code fr-ch}, {@code pt-br}, {@code es-419} for Spanish outside
 * Spain), other tags fall back to their primary language ({@code de-DE} → {@code de}) when
 * espeak-ng 1.51 speaks it, and anything else to {@value #DEFAULT_LANGUAGE}.
 *
 * <p>Variant: {@code woman}, {@code alice} and the female Polly voices below are {@code +f3};
 * {@code man}, no voice, and every other voice are {@code +m3}.
 */
final class EspeakVoices {
    static final String DEFAULT_LANGUAGE = "en-us";
    private static final String MALE = "+m3";
    private static final String FEMALE = "+f3";

    /** Primary language subtags espeak-ng 1.51 has a voice for (from {@code espeak-ng --voices}). */
    private static final Set<String> LANGUAGES = Set.of(
            "af", "am", "an", "ar", "as", "az", "ba", "be", "bg", "bn", "bpy", "bs", "ca", "cmn", "cs", "cv",
            "cy", "da", "de", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fr", "ga", "gd", "gn", "grc",
            "gu", "hak", "haw", "he", "hi", "hr", "ht", "hu", "hy", "hyw", "ia", "id", "io", "is", "it", "ja",
            "jbo", "ka", "kk", "kl", "kn", "ko", "kok", "ku", "ky", "la", "lb", "lfn", "lt", "ltg", "lv", "mi",
            "mk", "ml", "mr", "ms", "mt", "my", "nb", "nci", "ne", "nl", "nog", "om", "or", "pa", "pap", "piqd",
            "pl", "pt", "py", "qdb", "qu", "quc", "qya", "ro", "ru", "sd", "shn", "si", "sjn", "sk", "sl", "smj",
            "sq", "sr", "sv", "sw", "ta", "te", "th", "tk", "tn", "tr", "tt", "ug", "uk", "ur", "uz", "vi", "yue");

    /** Tags with their own espeak-ng voice, and old or macro codes espeak-ng knows by another name. */
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("en-us", "en-us"), Map.entry("en-ca", "en-us"),
            Map.entry("en-gb", "en-gb"), Map.entry("en-au", "en-gb"), Map.entry("en-nz", "en-gb"),
            Map.entry("en-ie", "en-gb"), Map.entry("en-za", "en-gb"), Map.entry("en-in", "en-gb"),
            Map.entry("en", "en-us"),
            Map.entry("fr-fr", "fr-fr"), Map.entry("fr-be", "fr-be"), Map.entry("fr-ch", "fr-ch"), Map.entry("fr", "fr-fr"),
            Map.entry("pt-br", "pt-br"), Map.entry("es-es", "es"),
            Map.entry("zh", "cmn"), Map.entry("zh-cn", "cmn"), Map.entry("zh-tw", "cmn"), Map.entry("zh-hk", "yue"),
            Map.entry("no", "nb"), Map.entry("nn", "nb"), Map.entry("iw", "he"), Map.entry("in", "id"));

    /** Polly voice name (lower case) → language and whether the voice is female. */
    private static final Map<String, Polly> POLLY = Map.ofEntries(
            polly("joanna", "en-US", true), polly("salli", "en-US", true), polly("kendra", "en-US", true),
            polly("kimberly", "en-US", true), polly("ivy", "en-US", true), polly("ruth", "en-US", true),
            polly("danielle", "en-US", true), polly("matthew", "en-US", false), polly("joey", "en-US", false),
            polly("justin", "en-US", false), polly("kevin", "en-US", false), polly("stephen", "en-US", false),
            polly("amy", "en-GB", true), polly("emma", "en-GB", true), polly("brian", "en-GB", false),
            polly("arthur", "en-GB", false), polly("nicole", "en-AU", true), polly("olivia", "en-AU", true),
            polly("russell", "en-AU", false), polly("raveena", "en-IN", true), polly("aditi", "en-IN", true),
            polly("celine", "fr-FR", true), polly("léa", "fr-FR", true), polly("lea", "fr-FR", true),
            polly("mathieu", "fr-FR", false), polly("chantal", "fr-CA", true), polly("gabrielle", "fr-CA", true),
            polly("marlene", "de-DE", true), polly("vicki", "de-DE", true), polly("hans", "de-DE", false),
            polly("daniel", "de-DE", false), polly("conchita", "es-ES", true), polly("lucia", "es-ES", true),
            polly("enrique", "es-ES", false), polly("mia", "es-MX", true), polly("lupe", "es-US", true),
            polly("penelope", "es-US", true), polly("miguel", "es-US", false), polly("carla", "it-IT", true),
            polly("bianca", "it-IT", true), polly("giorgio", "it-IT", false), polly("camila", "pt-BR", true),
            polly("vitoria", "pt-BR", true), polly("ricardo", "pt-BR", false), polly("ines", "pt-PT", true),
            polly("cristiano", "pt-PT", false), polly("lotte", "nl-NL", true), polly("ruben", "nl-NL", false),
            polly("mizuki", "ja-JP", true), polly("takumi", "ja-JP", false), polly("seoyeon", "ko-KR", true),
            polly("zhiyu", "cmn-CN", true), polly("tatyana", "ru-RU", true), polly("maxim", "ru-RU", false),
            polly("ewa", "pl-PL", true), polly("maja", "pl-PL", true), polly("jacek", "pl-PL", false),
            polly("astrid", "sv-SE", true), polly("liv", "nb-NO", true), polly("naja", "da-DK", true),
            polly("mads", "da-DK", false), polly("filiz", "tr-TR", true), polly("carmen", "ro-RO", true),
            polly("gwyneth", "cy-GB", true));

    private record Polly(String language, boolean female) {}

    private EspeakVoices() {
    }

    static String resolve(String voice, String language) {
        String v = voice == null ? "" : voice.strip();
        String lower = v.toLowerCase(Locale.ROOT);
        Polly polly = lower.startsWith("polly.") ? POLLY.get(pollyName(lower.substring(6))) : null;
        String lang = language != null && !language.isBlank() ? language
                : polly != null ? polly.language()
                : lower.startsWith("google.") ? googleLanguage(v.substring(7))
                : null;
        boolean female = lower.equals("woman") || lower.equals("alice") || (polly != null && polly.female());
        return espeakLanguage(lang) + (female ? FEMALE : MALE);
    }

    /** {@code Joanna-Neural} → {@code joanna}. */
    private static String pollyName(String name) {
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    /** {@code de-DE-Standard-A} → {@code de-DE}. */
    private static String googleLanguage(String name) {
        String[] parts = name.split("-");
        return parts.length >= 2 ? parts[0] + "-" + parts[1] : null;
    }

    static String espeakLanguage(String tag) {
        if (tag == null) {
            return DEFAULT_LANGUAGE;
        }
        String t = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (t.length() > 35 || !t.matches("[a-z0-9-]+")) {
            return DEFAULT_LANGUAGE;
        }
        String mapped = TAGS.get(t);
        if (mapped != null) {
            return mapped;
        }
        String primary = t.split("-", 2)[0];
        if (primary.equals("es") && !primary.equals(t)) {
            return "es-419";
        }
        if (TAGS.containsKey(primary)) {
            return TAGS.get(primary);
        }
        return LANGUAGES.contains(primary) ? primary : DEFAULT_LANGUAGE;
    }

    private static Map.Entry<String, Polly> polly(String name, String language, boolean female) {
        return Map.entry(name, new Polly(language, female));
    }
}
