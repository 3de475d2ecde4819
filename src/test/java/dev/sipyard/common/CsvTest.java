package dev.sipyard.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvTest {
    private static List<List<String>> all(String text) {
        Csv.Reader r = new Csv.Reader(new StringReader(text));
        List<List<String>> out = new ArrayList<>();
        for (List<String> rec; (rec = r.next()) != null; ) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void readsRfc4180RecordsWithQuotesCommasAndLineBreaks() {
        assertThat(all("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\n\"two\nlines\",,z"))
                .containsExactly(List.of("a", "b", "c"), List.of("x,y", "say \"hi\"", ""), List.of("two\nlines", "", "z"));
    }

    @Test
    void tellsTheLineEachRecordBeganOn() {
        Csv.Reader r = new Csv.Reader(new StringReader("h\n\"a\nb\"\n\nc\n"));
        r.next();
        r.next();
        assertThat(r.recordLine()).isEqualTo(2);
        assertThat(r.next()).containsExactly("");
        assertThat(r.recordLine()).isEqualTo(4);
        assertThat(r.next()).containsExactly("c");
        assertThat(r.recordLine()).isEqualTo(5);
        assertThat(r.next()).isNull();
    }

    @Test
    void brokenQuotingIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> all("a\nb\n\"open,c\n")).isInstanceOf(Csv.Malformed.class)
                .hasMessage("line 3: a quoted field is not closed");
        assertThatThrownBy(() -> all("a\n\"x\"y\n")).hasMessage("line 2: text after a closing quote");
        assertThatThrownBy(() -> all("a\nx\"y\n")).hasMessageStartingWith("line 2: a quote inside an unquoted field");
    }

    @Test
    void fieldsAndRecordsAreBounded() {
        assertThatThrownBy(() -> all("x".repeat(Csv.MAX_FIELD + 1))).hasMessageContaining("longer than 8192");
        assertThatThrownBy(() -> all(",".repeat(Csv.MAX_FIELDS))).hasMessageContaining("more than 256 fields");
    }

    @Test
    void whatRecordWritesReadsBackTheSame() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "ab ,\"\n\r;xé";
        for (int i = 0; i < 500; i++) {
            List<String> fields = new ArrayList<>();
            for (int f = 0, n = 1 + random.nextInt(5); f < n; f++) {
                StringBuilder s = new StringBuilder();
                for (int c = 0, len = random.nextInt(8); c < len; c++) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                fields.add(s.toString());
            }
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue; // an empty line reads as one empty field: the same
            }
            assertThat(all(Csv.record(fields) + "\n")).as("seed " + seed + ": " + fields).containsExactly(fields);
        }
    }
}
