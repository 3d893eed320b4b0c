package com.computebilling.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Domain first, framework at the edge: rating, splitting, timelines, order rules and money are plain Java that
 * unit tests run without a Spring context. Only {@code job}, {@code inbox}, {@code workers} and {@code cli} (and the
 * application class) know Spring.
 * The run report ({@code report}) is plain Java too: the job hands it the output directory and the run's facts.
 */
class DomainIsPlainJavaTest {

    static final String[] DOMAIN = {"com.computebilling.money..", "com.computebilling.time..",
            "com.computebilling.catalog..", "com.computebilling.timeline..", "com.computebilling.rating..",
            "com.computebilling.orders..", "com.computebilling.usage..", "com.computebilling.findings..",
            "com.computebilling.invoicing..", "com.computebilling.input..", "com.computebilling.digest..",
            "com.computebilling.output..", "com.computebilling.report..", "com.computebilling.explain..",
            "com.computebilling.focus.."};

    static JavaClasses classes;

    @BeforeAll
    static void importMain() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.computebilling");
    }

    @Test
    void domain_does_not_depend_on_spring_or_jdbc() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(classes);
    }

    @Test
    void domain_does_not_depend_on_the_job_or_the_command_line() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("com.computebilling.job..", "com.computebilling.cli..",
                        "com.computebilling.inbox..", "com.computebilling.workers..", "com.computebilling.tools..")
                .check(classes);
    }

    /** Packages depend on each other one way: a cycle would make two concepts one. */
    @Test
    void packages_are_free_of_cycles() {
        slices().matching("com.computebilling.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothing_reads_the_wall_clock_in_the_domain() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .check(classes);
    }

    @Test
    void no_binary_floating_point_fields_anywhere() {
        noFields().should().haveRawType(double.class).orShould().haveRawType(float.class)
                .orShould().haveRawType(Double.class).orShould().haveRawType(Float.class)
                .check(classes);
    }

    /** Nor parameters or results: an amount or a duration passed as a double has already lost its digits. */
    @Test
    void no_binary_floating_point_parameters_or_results_anywhere() {
        DescribedPredicate<JavaClass> floating = DescribedPredicate.describe("binary floating point",
                t -> FLOATING.contains(t.getName()));
        codeUnits().should(new ArchCondition<>("neither take nor return binary floating point") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                boolean takes = unit.getRawParameterTypes().stream().anyMatch(floating);
                boolean gives = floating.test(unit.getRawReturnType());
                if (takes || gives) {
                    events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " uses " + floating.getDescription()));
                }
            }
        }).check(classes);
    }

    private static final java.util.Set<String> FLOATING = java.util.Set.of("double", "float", "java.lang.Double",
            "java.lang.Float");
}
