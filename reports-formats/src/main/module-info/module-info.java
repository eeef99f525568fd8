/** CSV, XLSX and PDF output formatters. The {@code internal} package is not exported: it is not API. */
module io.scheduledreports.formats {
    requires transitive io.scheduledreports.spi;
    requires de.siegmar.fastcsv;
    requires org.dhatim.fastexcel;
    requires com.github.librepdf.openpdf;
    requires java.desktop;
    requires org.slf4j;

    exports io.scheduledreports.formats;
}
