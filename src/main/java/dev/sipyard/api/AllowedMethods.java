package dev.sipyard.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which methods the API has for a path, derived from the registered routes ("METHOD /path/{param}",
 * as {@link ApiServer#routes()} lists them). A path can match several route templates
 * ({@code /api/fabric/resources/sip_endpoints} and {@code /api/fabric/resources/{id}}); the path
 * belongs to the most specific one, whose left-most differing segment is fixed rather than a
 * parameter, and has that template's methods only. HEAD is allowed wherever GET is (the server
 * answers it from the GET route).
 */
final class AllowedMethods {
    /** The order methods are listed in {@code Allow}. */
    private static final List<String> ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** Handlers of other kinds (BEFORE, AFTER, ...) are listed too, but have no path of their own. */
    private static final Set<String> HTTP = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "QUERY",
            "OPTIONS", "TRACE", "CONNECT");
    private static final Comparator<String> BY_ORDER = Comparator
            .comparingInt((String m) -> ORDER.contains(m) ? ORDER.indexOf(m) : ORDER.size())
            .thenComparing(Comparator.naturalOrder());

    /** A template's segments, each either fixed text or null for a {parameter}. */
    private record Shape(List<String> segments) {}

    private final Map<Shape, Set<String>> methodsByShape = new LinkedHashMap<>();
    /** The same shapes by their number of segments: a path is compared with its own length's only. */
    private final Map<Integer, List<Shape>> shapesByLength = new HashMap<>();

    /**
     * @param routes "METHOD /path" with {name} path parameters; other template syntax, and
     *               handlers that are not HTTP methods, are left to the router
     */
    AllowedMethods(List<String> routes) {
        for (String route : routes) {
            int space = route.indexOf(' ');
            Shape shape = shape(route.substring(space + 1));
            if (shape != null && HTTP.contains(route.substring(0, space))) {
                Set<String> methods = methodsByShape.computeIfAbsent(shape, s -> new TreeSet<>(BY_ORDER));
                String method = route.substring(0, space);
                methods.add(method);
                if (method.equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        for (Shape shape : methodsByShape.keySet()) {
            shapesByLength.computeIfAbsent(shape.segments().size(), n -> new ArrayList<>()).add(shape);
        }
    }

    /** The methods of the most specific template matching {@code path}, in {@code Allow} order; empty: no route has this path. */
    Set<String> of(String path) {
        List<String> segments = segments(path.length() > 1 && path.endsWith("/")
                ? path.substring(0, path.length() - 1) : path);
        Shape best = null;
        for (Shape candidate : shapesByLength.getOrDefault(segments.size(), List.of())) {
            if (matches(candidate, segments) && (best == null || moreSpecific(candidate, best))) {
                best = candidate;
            }
        }
        return best == null ? Set.of() : methodsByShape.get(best);
    }

    /** The value of an {@code Allow} header for these methods. */
    static String header(Set<String> methods) {
        return String.join(", ", methods);
    }

    private static Shape shape(String template) {
        List<String> out = new ArrayList<>();
        for (String segment : segments(template)) {
            if (segment.startsWith("{") && segment.endsWith("}") && segment.indexOf('{', 1) < 0) {
                out.add(null);
            } else if (segment.matches("[^{}<>*]*")) {
                out.add(segment);
            } else {
                return null;
            }
        }
        return new Shape(out);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>(List.of(path.split("/", -1)));
        out.remove(0); // before the leading slash
        return out;
    }

    private static boolean matches(Shape shape, List<String> segments) {
        for (int i = 0; i < segments.size(); i++) {
            String fixed = shape.segments().get(i);
            if (fixed == null ? segments.get(i).isEmpty() : !fixed.equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code a} has a fixed segment where {@code b} first has a parameter (the two differ there). */
    private static boolean moreSpecific(Shape a, Shape b) {
        for (int i = 0; i < a.segments().size(); i++) {
            boolean aFixed = a.segments().get(i) != null;
            boolean bFixed = b.segments().get(i) != null;
            if (aFixed != bFixed) {
                return aFixed;
            }
        }
        return false;
    }
}
