/**
 * Where a call goes: pure rules, no sockets, HTTP or database. The call engine in {@code sip/}
 * fills the inputs from the database and performs the I/O the results ask for.
 *
 * <ul>
 *   <li>{@link dev.sipyard.routing.DialledTarget} classifies the Request-URI user (endpoint, PSTN
 *       number, unknown).
 *   <li>{@link dev.sipyard.routing.DecisionTable} turns the caller's {@link dev.sipyard.routing.CallerPolicy}
 *       and the target into a {@link dev.sipyard.routing.Decision} (ring, relay, run a document,
 *       refuse) and formats SIP {@code Reason} headers.
 *   <li>{@link dev.sipyard.routing.CallScript} is the conversation with a document: the script
 *       returns a {@link dev.sipyard.routing.Step} (fetch, dial, pause, answer, play, record, refuse,
 *       finished), the engine answers with an {@link dev.sipyard.routing.Outcome}.
 *       {@link dev.sipyard.routing.DocumentScript}, {@link dev.sipyard.routing.DocumentFetches} and
 *       {@link dev.sipyard.routing.PromptList} hold what both interpreters share (state, fallback, URLs,
 *       numbers, the bounds of what is played).
 *   <li>{@code routing.cxml}: {@link dev.sipyard.routing.cxml.CxmlScript}, the cXML interpreter.
 *   <li>{@code routing.swml}: {@link dev.sipyard.routing.swml.SwmlScript}, the SWML interpreter.
 * </ul>
 */
package dev.sipyard.routing;
