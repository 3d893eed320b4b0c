package com.computebilling.output;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {

    @Test
    void objects_are_indented_two_spaces_lists_stay_on_one_line_and_members_keep_their_order() {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("read", 13L);
        rows.put("rejected", 0);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("period", null);
        summary.put("zone", "Asia/Shanghai");
        summary.put("months", List.of("2023-04", "2023-05"));
        summary.put("rows", rows);
        summary.put("exceptions", Map.of());
        summary.put("none", List.of());

        assertThat(Json.write(summary)).isEqualTo("""
                {
                  "period": null,
                  "zone": "Asia/Shanghai",
                  "months": ["2023-04", "2023-05"],
                  "rows": {
                    "read": 13,
                    "rejected": 0
                  },
                  "exceptions": {},
                  "none": []
                }
                """);
    }

    @Test
    void text_is_escaped_as_json_requires_and_nothing_more() {
        String text = "a \"quoted\" back\\slash, tab\t, line\n, unit separator\u001f, 节点 é";

        assertThat(Json.write(Map.of("detail", text))).isEqualTo("{\n  \"detail\": "
                + "\"a \\\"quoted\\\" back\\\\slash, tab\\t, line\\n, unit separator\\u001f, 节点 é\"\n}\n");
    }

    @Test
    void objects_in_a_list_are_indented_one_level_deeper_than_the_lists_member() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("source", "usage.csv");
        record.put("line", 4L);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", List.of(record, record));

        assertThat(Json.write(out)).isEqualTo("""
                {
                  "records": [{
                      "source": "usage.csv",
                      "line": 4
                    }, {
                      "source": "usage.csv",
                      "line": 4
                    }]
                }
                """);
    }

    @Test
    void backspace_and_form_feed_are_unicode_escapes_like_every_other_control_character() {
        assertThat(Json.write(Map.of("d", "a\bb\fc\u0001"))).isEqualTo("{\n  \"d\": \"a\\u0008b\\u000cc\\u0001\"\n}\n");
    }
}
