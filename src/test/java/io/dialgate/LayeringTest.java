package io.dialgate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.Map.entry;

/**
 * The layering of the production code (docs/DESIGN.md "Packages"): which packages each package may use, no cycles
 * between packages, and only the HTTP edge knows HTTP statuses. Test code (simulator, demo, bench, testing, ...) lives
 * in {@code target/test-classes} and is not imported, so these rules see exactly what ships.
 */
@AnalyzeClasses(
        packages = LayeringTest.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class LayeringTest {

    static final String ROOT = "io.dialgate";

    /**
     * The {@code io.dialgate} packages each package may use; anything else of {@code io.dialgate} is forbidden. A new
     * feature package (say {@code notifications}) gets one line here naming what it builds on, and is added to the
     * list of any package that uses it. Order is bottom-up: a package only names packages above it in this list.
     */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            entry("failure", Set.of()),
            entry("config", Set.of()),
            entry("metrics", Set.of()),
            entry("redis", Set.of("failure", "metrics")),
            entry("webhooks", Set.of()),
            entry("tenant", Set.of("failure", "webhooks")),
            entry("http", Set.of("failure")),
            entry("genesys", Set.of("metrics", "redis", "tenant")),
            entry("callbacks", Set.of("failure", "http", "metrics", "redis", "tenant", "webhooks")),
            entry("state", Set.of("callbacks", "failure", "redis", "tenant")),
            entry("dispatch", Set.of("callbacks", "genesys", "metrics", "redis", "tenant")),
            entry("events", Set.of("dispatch", "http", "metrics", "redis", "state", "tenant")),
            entry("writes", Set.of("dispatch", "failure", "genesys", "http", "metrics", "redis", "state", "tenant")));

    @ArchTest
    static final ArchRule packagesUseOnlyWhatTheyMay = classes()
            .should(useOnlyTheirAllowedPackages())
            .because("the allowed dependencies are listed in LayeringTest.MAY_USE (docs/DESIGN.md \"Packages\")");

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    /**
     * HTTP statuses belong to the HTTP edge: the {@code http} package (the problem mapper) and the JAX-RS resources.
     * Domain code throws {@code failure.DomainException}s with a kind, and http.ProblemMappers answers each kind.
     */
    @ArchTest
    static final ArchRule onlyTheHttpEdgeUsesProblems = noClasses()
            .that(DescribedPredicate.not(partOfTheHttpEdge()))
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".http..")
            .because("domain code throws failure.DomainException; http.ProblemMappers turns it into a problem");

    /**
     * Nor does domain code build responses or throw JAX-RS status exceptions. {@code genesys} is a REST client: the
     * statuses it reads are Genesys's answers, so it may use the JAX-RS client {@code Response}.
     */
    @ArchTest
    static final ArchRule onlyTheHttpEdgeUsesStatuses = noClasses()
            .that(DescribedPredicate.not(partOfTheHttpEdge()))
            .and()
            .resideOutsideOfPackage(ROOT + ".genesys..")
            .should()
            .dependOnClassesThat(jaxRsStatuses())
            .because("domain code throws failure.DomainException; http.ProblemMappers turns it into a status");

    private static DescribedPredicate<JavaClass> partOfTheHttpEdge() {
        return DescribedPredicate.describe("are in package http or part of a *Resource class", c -> {
            if (packageOf(c).filter("http"::equals).isPresent()) {
                return true;
            }
            JavaClass outer = c;
            while (outer.getEnclosingClass().isPresent()) {
                outer = outer.getEnclosingClass().get();
            }
            return outer.getSimpleName().endsWith("Resource");
        });
    }

    private static DescribedPredicate<JavaClass> jaxRsStatuses() {
        return DescribedPredicate.describe(
                "are JAX-RS Response/Status, RestResponse or a WebApplicationException",
                c -> c.getName().startsWith("jakarta.ws.rs.core.Response")
                        || c.getName().startsWith("org.jboss.resteasy.reactive.RestResponse")
                        || c.isAssignableTo("jakarta.ws.rs.WebApplicationException"));
    }

    private static ArchCondition<JavaClass> useOnlyTheirAllowedPackages() {
        return new ArchCondition<>("use only the io.dialgate packages LayeringTest.MAY_USE allows") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Optional<String> from = packageOf(c);
                if (from.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is not in a feature package"));
                    return;
                }
                Set<String> allowed = MAY_USE.get(from.get());
                if (allowed == null) {
                    events.add(SimpleConditionEvent.violated(
                            c,
                            "package " + from.get() + " of " + c.getName()
                                    + " is not in LayeringTest.MAY_USE: add it with the packages it may use"));
                    return;
                }
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    packageOf(d.getTargetClass())
                            .filter(to -> !to.equals(from.get()) && !allowed.contains(to))
                            .ifPresent(to -> events.add(SimpleConditionEvent.violated(
                                    d, from.get() + " may not use " + to + ": " + d.getDescription())));
                }
            }
        };
    }

    /** The first package segment under io.dialgate ({@code writes} for io.dialgate.writes.X), if there is one. */
    private static Optional<String> packageOf(JavaClass c) {
        String name = c.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
