/** The JSON the API speaks: how bodies are read (strictly) and the shared shapes (pages, money). */
package com.postr.app.web.json;
