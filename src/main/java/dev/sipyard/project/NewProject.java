package dev.sipyard.project;

/** A project just created, with its first API token (shown this once) and its SIP domain. */
public record NewProject(Project project, String token, String domain) {}
