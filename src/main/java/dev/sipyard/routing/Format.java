package dev.sipyard.routing;

/** How the engine sends the standard parameters of a document fetch. */
public enum Format {
    /** cXML: form fields ({@code application/x-www-form-urlencoded}; GET: query string). */
    CXML_FORM,
    /** SWML: a JSON POST {@code {"call": {...}, "vars": {}, "params": {...}}}. */
    SWML_JSON
}
