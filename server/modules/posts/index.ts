export { postsRoutes } from "./posts.routes.ts";
export { createPostsService, type PostsService, type SeatOccupancy } from "./posts.service.ts";
export { seats, titles } from "./schema.ts";
