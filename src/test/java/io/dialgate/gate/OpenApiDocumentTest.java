package io.dialgate.gate;

import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenAPI document the application serves is the one committed as {@code docs/openapi.yaml}, so every API change
 * shows up in review. To accept a change: {@value #UPDATE_COMMAND}.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiDocumentTest {

    static final String UPDATE_COMMAND =
            "./mvnw -o test -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true";
    private static final Path GENERATED = Path.of("target/openapi/openapi.yaml");

    @Test
    @Order(1) // with -Dopenapi.update=true it rewrites the document the other tests read
    void theServedDocumentIsTheCommittedOne() throws IOException {
        String served = served().get("/q/openapi?format=yaml")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Files.createDirectories(GENERATED.getParent());
        Files.writeString(GENERATED, served);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(OpenApiDocument.COMMITTED, served);
            return;
        }
        String committed = Files.exists(OpenApiDocument.COMMITTED) ? Files.readString(OpenApiDocument.COMMITTED) : "";
        if (!committed.equals(served)) {
            fail(OpenApiDocument.COMMITTED + " differs from the document the API serves (written to " + GENERATED
                    + "). If the API change is intended, regenerate and commit it: " + UPDATE_COMMAND
                    + "\n(or: cp " + GENERATED + " " + OpenApiDocument.COMMITTED + ")");
        }
    }

    @Test
    void swaggerUiIsOffUnlessConfigured() {
        served().get("/q/swagger-ui/").then().statusCode(404);
    }

    /** The served document's place: on the management interface when it is enabled, on the API port otherwise. */
    private static RequestSpecification served() {
        boolean management = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.enabled", Boolean.class)
                .orElse(false);
        return management ? ManagementInterface.given() : RestAssured.given();
    }

    @Test
    void everyOperationHasASummaryASecuritySchemeAnAnswerAndItsRefusals() {
        OpenApiDocument document = OpenApiDocument.committed();
        assertFalse(document.operations().isEmpty());
        for (var operation : document.operations()) {
            var node = document.operation(operation);
            assertTrue(node.hasNonNull("summary"), operation + ": summary");
            assertTrue(node.path("security").size() > 0, operation + ": security");
            assertTrue(
                    document.responseCodes(operation).stream().anyMatch(code -> code.startsWith("2")),
                    operation + ": a 2xx answer");
            assertTrue(
                    document.responseCodes(operation).containsAll(java.util.List.of("401", "503")),
                    operation + ": 401 and 503 problems");
        }
    }
}
