package com.computebilling.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * {@code summary.json} and {@code explain --json}: ordered objects of strings, whole numbers, lists and null, written
 * by Jackson in the layout these files have always had — objects indented by two spaces, one member a line, as
 * {@code "key": value}; lists on one line as {@code [a, b]}; {@code {}} and {@code []} when empty; a final newline.
 */
public final class Json {

    private static final ObjectWriter WRITER = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)   // control characters as \u001f, as before
            .build()
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
    }
}
