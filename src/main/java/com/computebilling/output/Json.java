package com.computebilling.output;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * {@code summary.json} and {@code explain --json}: ordered objects of strings, whole numbers, lists and null, written
 * by Jackson in the layout these files have always had — objects indented by two spaces, one member a line, as
 * {@code "key": value}; lists on one line as {@code [a, b]}; {@code {}} and {@code []} when empty; a final newline.
 */
public final class Json {

    private static final ObjectWriter WRITER = new JsonMapper(new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)   // control characters as \u001f, as before
            .characterEscapes(new ControlCharacters())
            .build())
            .writer(new Layout());

    private Json() {
    }

    public static String write(Map<String, ?> object) {
        try {
            return WRITER.writeValueAsString(object) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static final class Layout extends DefaultPrettyPrinter {

        Layout() {
            super(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
            indentObjectsWith(new DefaultIndenter("  ", "\n"));
            indentArraysWith(new NopIndenter());
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Layout();
        }

        // A list stays on one line, but an object inside it is indented one level deeper than the list's member.
        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            super.writeStartArray(g);
            _nesting++;
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            _nesting--;
            super.writeEndArray(g, values);
        }
    }

    /** Every control character as a {@code \\u} escape, backspace and form feed too (Jackson would write b and f). */
    private static final class ControlCharacters extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        ControlCharacters() {
            ascii['\b'] = ESCAPE_STANDARD;
            ascii['\f'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
