/**
 * The HTML pages: sign-in and registration, and approving or denying a device code, with sessions
 * and CSRF protection.
 */
package dev.omni.server.web;
