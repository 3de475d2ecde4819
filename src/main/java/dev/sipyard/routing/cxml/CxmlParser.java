package dev.sipyard.routing.cxml;

import dev.sipyard.routing.UnusableDocument;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses a cXML document into its verbs. DTDs are refused outright, so external entities and
 * entity-expansion bombs are parse failures, never fetches or hangs.
 */
final class CxmlParser {
    private CxmlParser() {}

    /** The element children of the root {@code <Response>}, in order. */
    static List<Element> verbs(String body) throws UnusableDocument {
        if (body == null || body.isBlank()) {
            throw new UnusableDocument("empty document");
        }
        Document doc;
        DocumentBuilder builder;
        try {
            builder = borrow();
        } catch (SAXException e) {
            throw new UnusableDocument("not well-formed XML");
        }
        try {
            doc = builder.parse(new InputSource(new StringReader(stripLeading(body))));
        } catch (SAXException | IOException e) {
            throw new UnusableDocument("not well-formed XML");
        } finally {
            giveBack(builder);
        }
        Element root = doc.getDocumentElement();
        if (root == null || !"Response".equals(root.getTagName())) {
            throw new UnusableDocument("not a cXML document (no <Response>)");
        }
        List<Element> verbs = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                verbs.add(e);
            }
        }
        return verbs;
    }

    /** A BOM or whitespace before the XML declaration would make a well-meant document fail. */
    private static String stripLeading(String body) {
        int i = 0;
        while (i < body.length() && (body.charAt(i) == '\uFEFF' || Character.isWhitespace(body.charAt(i)))) {
            i++;
        }
        return body.substring(i);
    }

    /**
     * Configured builders waiting for the next document. Documents are parsed on short-lived
     * virtual threads, so a per-thread builder was a new factory per call (the factory scans the
     * class path); a shared pool keeps the builders across threads.
     */
    private static final int MAX_IDLE_BUILDERS = 32;
    private static final ConcurrentLinkedQueue<DocumentBuilder> IDLE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

    private static DocumentBuilder borrow() throws SAXException {
        DocumentBuilder b = IDLE.poll();
        if (b == null) {
            return newBuilder();
        }
        IDLE_COUNT.decrementAndGet();
        b.reset();
        b.setErrorHandler(SILENT);
        return b;
    }

    private static void giveBack(DocumentBuilder b) {
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE_BUILDERS) {
            IDLE.offer(b);
        } else {
            IDLE_COUNT.decrementAndGet();
        }
    }

    private static DocumentBuilder newBuilder() throws SAXException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(SILENT);
            return b;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new SAXException("XML parser cannot be made safe", e);
        }
    }

    /** The default handler prints to stderr; errors are reported by the exception instead. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
