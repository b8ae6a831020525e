/** The languages Treue speaks (English, German) and how numbers and money are written in each. */
package dev.treue.core.i18n;
