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
}
