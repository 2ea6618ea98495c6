package io.chimera.insight.cluster;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The entry condition of the container tier. Without a Docker daemon the tests are skipped with
 * one line saying why, so {@code mvn verify -Pcontainer-tests} still passes on a laptop without
 * Docker; under {@code CI=true} that skip would hide the tier, so it fails instead. An image that
 * was not built is always a failure naming the command that builds it.
 */
final class DockerTier {

    private DockerTier() {
    }

    static void requireDockerAndImages(String... images) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String why = "no Docker daemon answers at " + System.getenv().getOrDefault("DOCKER_HOST", "the default socket")
                    + "; start one with deploy/docker/dockerd.sh start and export the DOCKER_HOST it prints";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true and the container tests cannot run: " + why);
            }
            System.err.println("container tests skipped: " + why);
            Assumptions.abort("container tests skipped: " + why);
        }
        for (String image : images) {
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                Assertions.fail("image " + image + " is missing: build the images with deploy/docker/build-images.sh");
            }
        }
    }
}
