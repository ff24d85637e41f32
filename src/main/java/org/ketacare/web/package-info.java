/**
 * What every page shares: the layout, navigation by role, the sign-in page, the home page
 * and the error page. Knows each module's pages by address only.
 */
package org.ketacare.web;
