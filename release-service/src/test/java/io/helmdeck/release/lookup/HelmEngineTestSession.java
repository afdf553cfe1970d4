package io.helmdeck.release.lookup;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Points Helm's engine at Helmdeck's kubeconfig before any test can load helm-java (chart helpers package charts with
 * it before a renderer exists): in production the renderer is the first user, in a test JVM it is not.
 */
public class HelmEngineTestSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        HelmEngineEnvironment.prepare();
    }
}
