package dev.sipyard.recording;

import dev.sipyard.common.Ids;
import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.webhook.Outbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call recordings: WAV files under {@code <data folder>/recordings/<project>/<sid>.wav} and their
 * rows in {@code recordings}. A file is written whole to a temporary name and moved in place before
 * its row is inserted, so a row never names a missing or partial file. The recording status
 * callback, when asked for, is an {@link Outbox} row written in the insert's transaction.
 */
public final class Recordings {
    private static final Logger log = LoggerFactory.getLogger(Recordings.class);
    public static final String COMPLETED = "completed";
    public static final String RECORD_VERB = "RecordVerb";
    /** Where a recording is served: {@code <base URL><path>}, plus {@code .wav} or {@code .json}. */
    public static final String ACCOUNTS_PATH = "/api/laml/2010-04-01/Accounts/";
    private static final String FOLDER = "recordings";

    private final Jdbi jdbi;
    private final Path dataDir;
    private final Supplier<String> publicBaseUrl;
    private final Outbox outbox;
    private final Clock clock;

    /**
     * @param dataDir       the server's data folder (recordings go in its {@code recordings} folder)
     * @param publicBaseUrl the server's own base URL as others reach it (RecordingUrl in callbacks),
     *                      asked for each time a callback is written
     * @param outbox        woken after a callback is committed
     */
    public Recordings(Jdbi jdbi, Path dataDir, Supplier<String> publicBaseUrl, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.publicBaseUrl = publicBaseUrl;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** As {@link #store(String, String, AudioWriter, int, int, RecordingCallback)} with these bytes and no callback. */
    public Recording store(String projectId, String callSid, byte[] wav, int durationSeconds, int sampleRate) {
        return store(projectId, callSid, wav, durationSeconds, sampleRate, null);
    }

    /** As {@link #store(String, String, AudioWriter, int, int, RecordingCallback)} with these bytes. */
    public Recording store(String projectId, String callSid, byte[] wav, int durationSeconds, int sampleRate,
                           RecordingCallback callback) {
        if (wav == null || wav.length == 0) {
            throw new IllegalArgumentException("a recording needs its WAV bytes");
        }
        byte[] copy = wav.clone();
        return store(projectId, callSid, file -> Files.write(file, copy), durationSeconds, sampleRate, callback);
    }

    /**
     * Stores a completed mono recording (source {@code RecordVerb}) of call {@code callSid}: the
     * WAV that {@code audio} writes, then its row, and, when {@code callback} is not null, its
     * status callback ({@code RecordingStatus=completed}) in the same transaction.
     *
     * @param callback where the recording status callback goes, or null for none; a relative URL
     *                 must be resolved by the caller
     * @throws IllegalArgumentException for a project id that is not an id, a blank call sid, a
     *                                  negative duration, a rate under 1, or a callback that is not
     *                                  an absolute http(s) URL with GET or POST
     * @throws UncheckedIOException     when the file cannot be written (nothing is left behind)
     */
    public Recording store(String projectId, String callSid, AudioWriter audio, int durationSeconds, int sampleRate,
                           RecordingCallback callback) {
        check(projectId, callSid, durationSeconds, sampleRate, callback);
        String sid = Ids.newId();
        String fileName = FOLDER + "/" + projectId + "/" + sid + ".wav";
        Path file = dataDir.resolve(fileName);
        long size = write(file, audio);
        long now = clock.millis();
        Recording r = new Recording(sid, projectId, callSid, COMPLETED, RECORD_VERB, 1, sampleRate, durationSeconds,
                size, fileName, null, now, now);
        try {
            jdbi.useTransaction(h -> {
                insert(h, r);
                if (callback != null) {
                    Outbox.enqueue(h, projectId, sid, callback.url(), callback.method(), callbackParams(r), now);
                }
            });
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        if (callback != null) {
            outbox.wake();
        }
        return r;
    }

    /** The recording {@code sid} of the project; empty for an unknown id or another project's. */
    public Optional<Recording> find(String projectId, String sid) {
        if (!Ids.isId(sid)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM recordings WHERE id = :id AND project_id = :p")
                .bind("id", sid).bind("p", projectId).map((rs, ctx) -> recording(rs)).findOne());
    }

    /**
     * A page of the project's recordings, newest first. Without a cursor the page starts
     * {@code offset} rows in; with one it continues after (or, backward, before) that recording,
     * whatever was added or deleted meanwhile.
     */
    public Page<Recording> list(String projectId, RecordingFilter filter, PageRequest page, long offset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM recordings WHERE project_id = :p");
        if (filter.callSid() != null) {
            sql.append(" AND call_sid = :call");
        }
        if (filter.createdFrom() != null) {
            sql.append(" AND created_at >= :from");
        }
        if (filter.createdUntil() != null) {
            sql.append(" AND created_at < :until");
        }
        if (page.cursor() != null) {
            sql.append(page.backward() ? " AND id > :cursor ORDER BY id ASC" : " AND id < :cursor ORDER BY id DESC");
        } else {
            sql.append(" ORDER BY id DESC");
        }
        sql.append(" LIMIT :limit");
        boolean skip = page.cursor() == null && offset > 0;
        if (skip) {
            sql.append(" OFFSET :offset");
        }
        return Page.of(jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("p", projectId).bind("limit", page.limit());
            if (filter.callSid() != null) {
                q.bind("call", filter.callSid());
            }
            if (filter.createdFrom() != null) {
                q.bind("from", filter.createdFrom().longValue());
            }
            if (filter.createdUntil() != null) {
                q.bind("until", filter.createdUntil().longValue());
            }
            if (page.cursor() != null) {
                q.bind("cursor", page.cursor());
            }
            if (skip) {
                q.bind("offset", offset);
            }
            return q.map((rs, ctx) -> recording(rs)).list();
        }), page);
    }

    /** Deletes the recording and its file; false when the project has no such recording. */
    public boolean delete(String projectId, String sid) {
        Optional<Recording> found = find(projectId, sid);
        if (found.isEmpty()) {
            return false;
        }
        int deleted = jdbi.inTransaction(h -> h.createUpdate("DELETE FROM recordings WHERE id = :id AND project_id = :p")
                .bind("id", sid).bind("p", projectId).execute());
        if (deleted == 0) {
            return false; // deleted meanwhile, file included
        }
        deleteQuietly(file(found.get()));
        return true;
    }

    /** The recording's WAV file. */
    public Path file(Recording r) {
        Path file = dataDir.resolve(r.fileName()).normalize();
        if (!file.startsWith(dataDir)) {
            throw new IllegalStateException("recording " + r.sid() + " names a file outside the data folder");
        }
        return file;
    }

    /** The path the API serves the recording at, without extension (the media; {@code .json}: the metadata). */
    public static String path(String projectId, String sid) {
        return ACCOUNTS_PATH + projectId + "/Recordings/" + sid;
    }

    /** RecordingUrl: the recording's absolute URL, without extension, on this server's public base URL. */
    public String url(Recording r) {
        return publicBaseUrl.get() + path(r.projectId(), r.sid());
    }

    private Map<String, String> callbackParams(Recording r) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", r.projectId());
        p.put("CallSid", r.callSid());
        p.put("RecordingSid", r.sid());
        p.put("RecordingUrl", url(r));
        p.put("RecordingStatus", r.status());
        p.put("RecordingDuration", String.valueOf(r.durationSeconds()));
        p.put("RecordingChannels", String.valueOf(r.channels()));
        p.put("RecordingSource", r.source());
        return p;
    }

    private static void check(String projectId, String callSid, int durationSeconds, int sampleRate,
                              RecordingCallback callback) {
        if (!Ids.isId(projectId)) {
            throw new IllegalArgumentException("a recording belongs to a project id, not " + projectId);
        }
        if (callSid == null || callSid.isBlank()) {
            throw new IllegalArgumentException("a recording names its call");
        }
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("a recording lasts 0 seconds or more, not " + durationSeconds);
        }
        if (sampleRate < 1) {
            throw new IllegalArgumentException("a recording's sample rate is positive, not " + sampleRate);
        }
        if (callback != null) {
            String url = callback.url() == null ? "" : callback.url().toLowerCase(Locale.ROOT);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("a recording status callback is an absolute http(s) URL");
            }
            String method = callback.method() == null ? "POST" : callback.method().toUpperCase(Locale.ROOT);
            if (!method.equals("GET") && !method.equals("POST")) {
                throw new IllegalArgumentException("a recording status callback method is GET or POST");
            }
        }
    }

    /** Writes the file whole under a temporary name, flushes it to disk and moves it in place; returns its size. */
    private static long write(Path file, AudioWriter audio) {
        Path folder = file.getParent();
        Path part = null;
        try {
            Files.createDirectories(folder);
            part = Files.createTempFile(folder, file.getFileName().toString(), ".part");
            audio.writeTo(part);
            long size = Files.size(part);
            if (size == 0) {
                throw new IOException("nothing was written");
            }
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return size;
        } catch (IOException e) {
            if (part != null) {
                deleteQuietly(part);
            }
            throw new UncheckedIOException("cannot write the recording " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete the recording file {}: {}", file, e.toString());
        }
    }

    private static void insert(Handle h, Recording r) {
        h.createUpdate("INSERT INTO recordings (id, project_id, call_sid, status, source, channels, sample_rate, "
                        + "duration_seconds, size_bytes, file_name, error_code, created_at, updated_at) VALUES (:id, "
                        + ":project, :call, :status, :source, :channels, :rate, :duration, :size, :file, :error, :now, "
                        + ":now)")
                .bind("id", r.sid()).bind("project", r.projectId()).bind("call", r.callSid())
                .bind("status", r.status()).bind("source", r.source()).bind("channels", r.channels())
                .bind("rate", r.sampleRate()).bind("duration", r.durationSeconds()).bind("size", r.sizeBytes())
                .bind("file", r.fileName()).bind("error", r.errorCode()).bind("now", r.createdAt())
                .execute();
    }

    private static Recording recording(ResultSet rs) throws SQLException {
        long error = rs.getLong("error_code");
        Integer errorCode = rs.wasNull() ? null : (int) error;
        return new Recording(rs.getString("id"), rs.getString("project_id"), rs.getString("call_sid"),
                rs.getString("status"), rs.getString("source"), rs.getInt("channels"), rs.getInt("sample_rate"),
                rs.getInt("duration_seconds"), rs.getLong("size_bytes"), rs.getString("file_name"), errorCode,
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
