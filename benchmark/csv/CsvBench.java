import com.computebilling.output.CsvLine;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Renders the same 1,710,149 charges.csv-shaped rows (the `--compare` set's line count) with the product's CsvLine and
 * with opencsv's CSVWriter (quoting only where needed, LF line ends: the same bytes), five rounds, and prints the
 * seconds of each. The README quotes it for why charge rows are rendered by hand. Run from the project directory after
 * `mvn package`:
 *
 *   CP=target/classes:$HOME/.m2/repository/com/opencsv/opencsv/5.12.0/opencsv-5.12.0.jar:$(find $HOME/.m2/repository/org/apache/commons/commons-lang3 -name 'commons-lang3-3.*.jar' | sort | tail -1)
 *   javac -d target/csvbench -cp "$CP" benchmark/csv/CsvBench.java && java -Xmx512m -cp "$CP:target/csvbench" CsvBench
 */
public class CsvBench {
    public static void main(String[] args) throws Exception {
        int rows = 1_710_149;
        String[] f = {"CL0123456789abcdef0123", "acct-00042-202304-USD", "acct-00042", "lingjun-000123", "LINGJUN",
                "cn-wulanchabu", "ml.gu7xf.c96m1600.8-gu108", "USAGE", "PAY_AS_YOU_GO", "ord-12345",
                "2023-04-16T08:00:00+08:00", "2023-04-16T09:00:00+08:00", "2023-04-16T08:00:00+08:00",
                "2023-04-16T09:00:00+08:00", "8", "3600", "SECOND", "12.5", "HOUR", "100.00000000", "USD"};
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime(), n = 0;
            for (int i = 0; i < rows; i++) {
                n += CsvLine.of(List.of(f)).length();
            }
            long t1 = System.nanoTime();
            StringWriter sw = new StringWriter(1 << 20);
            long m = 0;
            try (ICSVWriter w = new CSVWriter(sw, ',', '"', '"', "\n")) {
                for (int i = 0; i < rows; i++) {
                    w.writeNext(f, false);
                    if (sw.getBuffer().length() > (1 << 20)) { m += sw.getBuffer().length(); sw.getBuffer().setLength(0); }
                }
            }
            m += sw.getBuffer().length();
            long t2 = System.nanoTime();
            System.out.printf("round %d: CsvLine %.2f s (%d chars), opencsv CSVWriter %.2f s (%d chars)%n", round,
                    (t1 - t0) / 1e9, n, (t2 - t1) / 1e9, m);
        }
    }
}
