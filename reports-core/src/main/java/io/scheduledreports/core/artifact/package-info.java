/** Artifact stores that ship with the core: the local directory store. API. */
package io.scheduledreports.core.artifact;
