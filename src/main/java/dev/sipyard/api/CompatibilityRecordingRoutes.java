package dev.sipyard.api;

import dev.sipyard.common.Page;
import dev.sipyard.recording.Recording;
import dev.sipyard.recording.RecordingFilter;
import dev.sipyard.recording.Recordings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call recordings as SignalWire's Compatibility API serves them (Twilio's Recording resource),
 * under {@code /api/laml/2010-04-01/Accounts/{AccountSid}} and {@code /2010-04-01/Accounts/{AccountSid}}:
 * {@code /Recordings[.json]} and {@code /Calls/{CallSid}/Recordings[.json]} list them, newest
 * first; {@code /Recordings/{sid}.json} is the metadata; {@code /Recordings/{sid}} and
 * {@code /Recordings/{sid}.wav} are the audio (as SignalWire: no extension means WAV), with
 * single byte ranges; DELETE on {@code /Recordings/{sid}[.json]} removes the recording and its file.
 * The same answer under {@code /Calls/{CallSid}/Recordings/{sid}} for a recording of that call.
 * Every route needs the project's credentials.
 */
final class CompatibilityRecordingRoutes {
    private static final Logger log = LoggerFactory.getLogger(CompatibilityRecordingRoutes.class);
    private static final String WAV = "audio/x-wav";
    private static final List<String> FILTERS = filters();

    private final Recordings recordings;
    private final Requests requests;
    private final CompatibilityRequests compat;

    CompatibilityRecordingRoutes(Recordings recordings, Requests requests, CompatibilityRequests compat) {
        this.recordings = recordings;
        this.requests = requests;
        this.compat = compat;
    }

    private static List<String> filters() {
        List<String> names = new ArrayList<>(List.of("CallSid"));
        names.addAll(CompatibilityRequests.windowParams("DateCreated"));
        return List.copyOf(names);
    }

    void register(RoutesConfig routes) {
        for (String prefix : CompatibilityRequests.PREFIXES) {
            String account = prefix + "{AccountSid}";
            for (String suffix : List.of("", ".json")) {
                compat.get(routes, account + "/Recordings" + suffix, this::list);
                compat.get(routes, account + "/Calls/{CallSid}/Recordings" + suffix, this::listOfCall);
            }
            // Javalin cannot match "{RecordingSid}.json" as one segment: the extension is read here.
            for (String one : List.of(account + "/Recordings/{RecordingSid}",
                    account + "/Calls/{CallSid}/Recordings/{RecordingSid}")) {
                compat.get(routes, one, this::fetch);
                compat.delete(routes, one, this::delete);
            }
        }
    }

    private void list(Context ctx, String projectId) {
        CompatibilityRequests.TimeWindow created = CompatibilityRequests.window(ctx, "DateCreated");
        RecordingFilter filter = new RecordingFilter(CompatibilityRequests.blankToNull(ctx.queryParam("CallSid")),
                created.from(), created.until());
        answerList(ctx, projectId, filter, CompatibilityRequests.PREFIX + projectId + "/Recordings.json");
    }

    private void listOfCall(Context ctx, String projectId) {
        String callSid = ctx.pathParam("CallSid");
        CompatibilityRequests.TimeWindow created = CompatibilityRequests.window(ctx, "DateCreated");
        answerList(ctx, projectId, new RecordingFilter(callSid, created.from(), created.until()),
                CompatibilityRequests.PREFIX + projectId + "/Calls/" + callSid + "/Recordings.json");
    }

    private void answerList(Context ctx, String projectId, RecordingFilter filter, String base) {
        String scope = projectId + ":recordings";
        CompatibilityRequests.Paging p = compat.paging(ctx, scope);
        Page<Recording> result = recordings.list(projectId, filter, p.request(), p.offset());
        String baseUrl = requests.baseUrl(ctx);
        ctx.json(compat.page("recordings", result, Recording::sid, r -> RecordingJson.compatibility(r, baseUrl), p,
                base, scope, CompatibilityRequests.kept(ctx, FILTERS)));
    }

    private void fetch(Context ctx, String projectId) throws IOException {
        String segment = ctx.pathParam("RecordingSid");
        if (segment.endsWith(".json")) {
            Recording r = found(ctx, projectId, CompatibilityRequests.withoutSuffix(segment, ".json"));
            ctx.json(RecordingJson.compatibility(r, requests.baseUrl(ctx)));
            return;
        }
        if (segment.endsWith(".mp3")) {
            throw CompatibilityErrors.of(404, CompatibilityErrors.NOT_FOUND,
                    "Recordings are kept as WAV: ask for no extension or .wav (or .json for the metadata)");
        }
        audio(ctx, found(ctx, projectId, CompatibilityRequests.withoutSuffix(segment, ".wav")));
    }

    private void delete(Context ctx, String projectId) {
        String sid = CompatibilityRequests.withoutSuffix(ctx.pathParam("RecordingSid"), ".json");
        found(ctx, projectId, sid);
        if (!recordings.delete(projectId, sid)) {
            throw CompatibilityErrors.notFound();
        }
        ctx.status(204);
    }

    /** The project's recording {@code sid}, of the call the path names if it names one; else a 404. */
    private Recording found(Context ctx, String projectId, String sid) {
        String callSid = ctx.pathParamMap().get("CallSid");
        return recordings.find(projectId, sid).filter(r -> callSid == null || callSid.equals(r.callSid()))
                .orElseThrow(CompatibilityErrors::notFound);
    }

    /** The WAV file: whole (200) or the one byte range asked for (206), Content-Length always set. */
    private void audio(Context ctx, Recording r) throws IOException {
        Path file = recordings.file(r);
        FileChannel channel;
        try {
            channel = FileChannel.open(file);
        } catch (NoSuchFileException e) {
            log.warn("recording {} has no file {}", r.sid(), file);
            throw CompatibilityErrors.notFound();
        }
        try (channel) {
            long size = channel.size();
            ByteRange range = ByteRange.of(ctx.header("Range"), size);
            ctx.header("Accept-Ranges", "bytes");
            if (range == ByteRange.UNSATISFIABLE) {
                ctx.header("Content-Range", "bytes */" + size);
                ctx.status(416);
                return;
            }
            if (range == null) {
                range = new ByteRange(0, size - 1);
                ctx.status(200);
            } else {
                ctx.header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
                ctx.status(206);
            }
            ctx.contentType(WAV);
            ctx.res().setContentLengthLong(range.length());
            send(channel, range, ctx.res().getOutputStream());
        }
    }

    private static void send(FileChannel channel, ByteRange range, OutputStream out) {
        try {
            WritableByteChannel target = Channels.newChannel(out);
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            long position = range.first();
            long remaining = range.length();
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    target.write(buffer);
                }
                position += n;
                remaining -= n;
            }
            out.flush();
        } catch (IOException e) {
            // the client went away mid-download: nothing left to answer
            log.debug("recording download ended early: {}", e.toString());
        }
    }
}
